package dev.lossref.api.curve;

import dev.lossref.catalog.LossDescriptor;
import java.util.List;

/**
 * The playground's comparison view in the gallery's first section: several losses on one axis, or several
 * values of one hyperparameter of one loss, chosen in the page and drawn by {@code GET /curves.svg}
 * ({@code /playground.js} fetches the plot, shows it, and shows the problem where the choice is refused).
 */
final class ComparisonForm {

    private ComparisonForm() {}

    static String render(List<LossDescriptor> losses) {
        StringBuilder options = new StringBuilder();
        for (LossDescriptor loss : losses) {
            options.append("<option value=\"")
                    .append(loss.name())
                    .append("\">")
                    .append(SvgPlot.escape(loss.title()))
                    .append("</option>");
        }
        return "<form class=\"compare\" aria-label=\"compare curves\">\n<h3>Compare your own choice</h3>\n<div "
                + "class=\"control\"><label><input type=\"radio\" name=\"mode\" value=\"losses\" checked> several "
                + "losses on one axis:</label> <select name=\"losses\" multiple size=\"5\" aria-label=\"losses to "
                + "compare\">"
                + options
                + "</select></div>\n<div class=\"control\"><label><input type=\"radio\" name=\"mode\" value=\"vary\"> "
                + "one loss,</label> <select name=\"loss\" aria-label=\"loss\">" + options
                + "</select> <label>varying <input name=\"vary\" size=\"10\" placeholder=\"gamma\"></label> "
                + "<label>over <input name=\"values\" size=\"16\" "
                + "placeholder=\"0,0.5,1,2,5\"></label></div>\n<p><button type=\"submit\">Plot</button></p>\n<output "
                + "class=\"problem\" role=\"alert\"></output>\n<figure class=\"chosen\" hidden><img alt=\"the chosen "
                + "comparison\"><figcaption></figcaption></figure>\n</form>\n";
    }
}
