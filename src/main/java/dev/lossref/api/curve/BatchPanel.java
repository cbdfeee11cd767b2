package dev.lossref.api.curve;

import dev.lossref.catalog.Example;
import java.util.List;

/**
 * The playground's batch panel on a loss's card: the catalog's first example in an editor, posted to
 * {@code POST /losses/{name}} by {@code /playground.js}, which shows the value, the per-sample losses and
 * every gradient (matrices as heat maps, each value on hover), or the problem with its fields.
 */
final class BatchPanel {

    private BatchPanel() {}

    /**
     * @param operationId the loss's OpenAPI operation id: Swagger UI's form for its check is {@code <id>Check}
     *     under the tag {@code checks}
     */
    static String render(String loss, String operationId, List<Example> examples) {
        if (examples.isEmpty()) {
            return "";
        }
        Example example = examples.get(0);
        String id = loss + "--batch";
        return "<details class=\"batch\"><summary>Evaluate a batch</summary>\n<form class=\"batch-form\" "
                + "data-loss=\"" + loss + "\">\n"
                + "<label for=\"" + id + "\">Request body (the catalog's example: " + SvgPlot.escape(example.name())
                + ")</label>\n<textarea id=\"" + id + "\" name=\"body\" rows=\"8\" spellcheck=\"false\">"
                + SvgPlot.escape(example.body().strip()) + "</textarea>\n<p><button type=\"submit\">Evaluate</button> "
                + "<a href=\"/losses/" + loss
                + "/cases\">Test cases</a> · <a href=\"/swagger-ui/index.html#/checks/" + operationId
                + "Check\">Check your implementation</a></p>\n<output class=\"problem\" role=\"alert\"></output>\n<div "
                + "class=\"answer\" aria-live=\"polite\"></div>\n</form></details>\n";
    }
}
