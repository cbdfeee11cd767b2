package dev.lossref.api.curve;

import dev.lossref.catalog.Hyperparameter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The playground's form on a loss's card, generated from the catalog: a slider and a number field for
 * every real or integer hyperparameter (its range, its default, the paper's value marked), a list for
 * every choice, a box for every flag. {@code /playground.js} turns the form into a query of
 * {@code GET /losses/{name}/curve} and redraws the card's plot as the controls move.
 */
final class PlaygroundControls {

    /** Request options, not settings of the curve (it is computed with reduction sum, gradients on). */
    private static final Set<String> NOT_ON_THE_CURVE = Set.of("reduction", "gradients", "hessians", "newtonStep");
    /** The number a paper value starts with ("2 (0, 0.5, 1, 2 and 5 were compared)"), to mark on its slider. */
    private static final Pattern LEADING_NUMBER = Pattern.compile("^-?\\d+(\\.\\d+)?([eE]-?\\d+)?");
    /** How far a slider reaches beyond the default where the parameter itself is unbounded, in its scales. */
    private static final int REACH = 5;

    private PlaygroundControls() {}

    /**
     * @param secondDerivative whether the curve has second derivatives (docs/http-api.md 6)
     * @param targetLogit whether the loss's answers carry targetLogits (the margin-softmax family), drawn against
     *     the angle beside the loss, as the papers draw the margins
     */
    static String render(
            String loss, List<Hyperparameter> hyperparameters, boolean secondDerivative, boolean targetLogit) {
        StringBuilder html = new StringBuilder(2048);
        html.append("<form class=\"playground\" data-loss=\"")
                .append(loss)
                .append("\" data-second=\"")
                .append(secondDerivative)
                .append("\" aria-label=\"")
                .append(loss)
                .append(" settings\">\n");
        for (Hyperparameter parameter : hyperparameters) {
            if (!NOT_ON_THE_CURVE.contains(parameter.name())) {
                control(html, loss, parameter);
            }
        }
        html.append("<output class=\"problem\" role=\"alert\"></output>\n")
                .append("<div class=\"live plots\" hidden>")
                .append(livePlot(loss, "loss", "the loss along its axis"))
                .append(livePlot(
                        loss, "derivatives", secondDerivative ? "its first and second derivative" : "its derivative"))
                .append(targetLogit ? livePlot(loss, "target-logit", "the target logit after the margin") : "")
                .append("</div>\n</form>\n");
        return html.toString();
    }

    private static String livePlot(String loss, String quantity, String what) {
        return "<figure><svg class=\"live-plot\" data-quantity=\"" + quantity
                + "\" viewBox=\"0 0 640 380\" role=\"img\" " + "aria-label=\"" + loss + ": " + what
                + "\"></svg><figcaption class=\"legend\"></figcaption></figure>";
    }

    private static void control(StringBuilder html, String loss, Hyperparameter parameter) {
        String id = loss + "--" + parameter.name();
        String defaultText = parameter.defaultValue() == null ? "" : String.valueOf(parameter.defaultValue());
        html.append("<div class=\"control\"><label for=\"")
                .append(id)
                .append("\"><code>")
                .append(parameter.name())
                .append("</code></label> ");
        if (parameter.allowedValues() != null) {
            html.append("<select id=\"")
                    .append(id)
                    .append("\" name=\"")
                    .append(parameter.name())
                    .append("\" data-default=\"")
                    .append(SvgPlot.escape(defaultText))
                    .append("\">");
            for (String value : parameter.allowedValues()) {
                html.append("<option")
                        .append(value.equals(defaultText) ? " selected" : "")
                        .append('>')
                        .append(SvgPlot.escape(value))
                        .append("</option>");
            }
            html.append("</select>");
        } else if (parameter.type().equals("boolean")) {
            html.append("<input type=\"checkbox\" id=\"")
                    .append(id)
                    .append("\" name=\"")
                    .append(parameter.name())
                    .append("\" data-default=\"")
                    .append(defaultText)
                    .append('"')
                    .append(Boolean.TRUE.equals(parameter.defaultValue()) ? " checked" : "")
                    .append('>');
        } else {
            slider(html, id, parameter, defaultText);
        }
        if (parameter.paperValue() != null) {
            html.append(" <span class=\"muted paper\">paper: ")
                    .append(SvgPlot.escape(parameter.paperValue()))
                    .append("</span>");
        }
        html.append("</div>\n");
    }

    /** A range input and a number input kept in step; the number input takes any value the API takes. */
    private static void slider(StringBuilder html, String id, Hyperparameter parameter, String defaultText) {
        boolean integer = parameter.type().equals("integer");
        double center = parameter.defaultValue() instanceof Number number
                ? number.doubleValue()
                : parameter.minimum() != null ? parameter.minimum().doubleValue() : 0;
        double scale = Math.max(1, Math.abs(center));
        String paper = paperNumber(parameter.paperValue());
        if (paper != null) {
            scale = Math.max(scale, Math.abs(Double.parseDouble(paper) - center));
        }
        double low = parameter.minimum() != null ? parameter.minimum().doubleValue() : center - REACH * scale;
        double high =
                parameter.maximum() != null ? parameter.maximum().doubleValue() : Math.max(low, center) + REACH * scale;
        String step = integer ? "1" : number((high - low) / 200);
        String value = defaultText.isEmpty() ? number(center) : defaultText;
        html.append("<input type=\"range\" id=\"")
                .append(id)
                .append("\" name=\"")
                .append(parameter.name())
                .append("\" min=\"")
                .append(number(low))
                .append("\" max=\"")
                .append(number(high))
                .append("\" step=\"")
                .append(step)
                .append("\" value=\"")
                .append(value)
                .append("\" data-default=\"")
                .append(defaultText)
                .append('"');
        if (paper != null) {
            html.append(" list=\"").append(id).append("--paper\"");
        }
        html.append("> <input type=\"number\" class=\"exact\" aria-label=\"")
                .append(parameter.name())
                .append(" value\" data-mirror=\"")
                .append(parameter.name())
                .append("\" step=\"any\" value=\"")
                .append(value)
                .append("\">");
        if (paper != null) {
            html.append("<datalist id=\"")
                    .append(id)
                    .append("--paper\"><option value=\"")
                    .append(paper)
                    .append("\"></option></datalist>");
        }
    }

    private static String paperNumber(String paperValue) {
        if (paperValue == null) {
            return null;
        }
        Matcher number = LEADING_NUMBER.matcher(paperValue.trim());
        return number.find() ? number.group() : null;
    }

    private static String number(double value) {
        return new BigDecimal(value)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }
}
