package dev.lossref.api.curve;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.Comparison;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.LossDescriptor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gallery at {@code /}: every loss with its formula (rendered by KaTeX, served from this
 * service), its curve, its hyperparameters and links to its Swagger UI operation and catalog entry,
 * after the classic comparison plots. Plain server-rendered HTML and CSS, built once from the catalog.
 */
@RestController
@Tag(name = "curves")
class GalleryController {

    private final String page;

    GalleryController(Catalog catalog) {
        this.page = render(catalog);
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The gallery: every loss with its formula, curve and hyperparameters")
    String gallery() {
        return page;
    }

    private static String render(Catalog catalog) {
        StringBuilder html = new StringBuilder(65_536);
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Loss-function reference service: gallery</title>
                <link rel="stylesheet" href="/vendor/katex/katex.min.css">
                <script defer src="/vendor/katex/katex.min.js"></script>
                <script defer src="/playground.js"></script>
                <script defer src="/batch-panel.js"></script>
                <script defer src="/vendor/katex/auto-render.min.js"
                        onload="renderMathInElement(document.body, {delimiters: [{left: '\\\\[', right: '\\\\]', \
                display: true}]})"></script>
                <link rel="stylesheet" href="/gallery.css">
                </head>
                <body>
                <h1>Loss functions: a gallery</h1>
                <p>Every loss this service computes, with its formula, its curve along its natural axis (computed by the
                same code as <code>POST /losses/{name}</code>), its hyperparameters, and links to try it in
                <a href="/swagger-ui/index.html">Swagger UI</a> and to read its <a href="/losses">catalog entry</a>.</p>
                <section class="card" id="comparisons">
                <h2>Comparisons</h2>
                <div class="plots">
                """);
        for (Comparison comparison : Comparison.GALLERY) {
            html.append("<figure><img src=\"")
                    .append(SvgPlot.escape(comparison.plot()))
                    .append("\" alt=\"")
                    .append(SvgPlot.escape(comparison.alt()))
                    .append("\"><figcaption>")
                    .append(SvgPlot.escape(comparison.caption()))
                    .append("</figcaption></figure>\n");
        }
        html.append("</div>\n")
                .append(ComparisonForm.render(catalog.descriptors()))
                .append("</section>\n");
        Family family = null;
        for (LossDescriptor loss : catalog.descriptors()) {
            if (loss.family() != family) {
                family = loss.family();
                html.append("<h2 class=\"family\" id=\"family-")
                        .append(family.wireName())
                        .append("\">")
                        .append(SvgPlot.escape(family.title()))
                        .append("</h2>\n");
            }
            String name = loss.name();
            html.append("<section class=\"card\" id=\"").append(name).append("\">\n");
            html.append("<h2>")
                    .append(SvgPlot.escape(loss.title()))
                    .append(" <span class=\"muted\">(")
                    .append(name)
                    .append(")</span></h2>\n");
            html.append("<div class=\"formula\">\\[")
                    .append(SvgPlot.escape(loss.formula()))
                    .append("\\]</div>\n");
            html.append("<p>").append(SvgPlot.escape(loss.summary())).append("</p>\n");
            html.append("<div class=\"plots\"><img src=\"/losses/")
                    .append(name)
                    .append("/curve.svg\" alt=\"")
                    .append(SvgPlot.escape(loss.title()))
                    .append(" along its axis\" loading=\"lazy\">");
            if (catalog.require(name).hasSecondDerivativeAlongCurve()) {
                html.append("<img src=\"/losses/")
                        .append(name)
                        .append("/curve.svg?quantity=derivatives\" alt=\"")
                        .append(SvgPlot.escape(loss.title()))
                        .append(": first and second derivative along its axis\" ")
                        .append("loading=\"lazy\">");
            }
            html.append("</div>\n");
            html.append(PlaygroundControls.render(
                    name,
                    loss.hyperparameters(),
                    catalog.require(name).hasSecondDerivativeAlongCurve(),
                    loss.outputs().stream().anyMatch(output -> output.name().equals("targetLogits"))));
            html.append(BatchPanel.render(name, loss.operationId(), loss.examples()));
            html.append("<table>\n<tr><th>hyperparameter</th><th>default</th><th>range</th><th>meaning</th></tr>\n");
            for (Hyperparameter parameter : loss.hyperparameters()) {
                html.append("<tr><td><code>")
                        .append(parameter.name())
                        .append("</code></td><td>")
                        .append(SvgPlot.escape(String.valueOf(parameter.defaultValue())))
                        .append("</td><td>")
                        .append(SvgPlot.escape(range(parameter)))
                        .append("</td><td>")
                        .append(SvgPlot.escape(parameter.description()))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n<p><a class=\"try\" href=\"/swagger-ui/index.html#/losses/")
                    .append(loss.operationId())
                    .append("\">Try it in Swagger UI</a> · <a class=\"entry\" href=\"/losses/")
                    .append(name)
                    .append("\">Catalog entry</a> · <a class=\"curve\" href=\"/losses/")
                    .append(name)
                    .append("/curve\">Curve points</a></p>\n</section>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String range(Hyperparameter parameter) {
        if (parameter.allowedValues() != null) {
            return String.join(", ", parameter.allowedValues());
        }
        if (parameter.minimum() == null && parameter.maximum() == null) {
            return "";
        }
        return (parameter.exclusiveMinimum() ? "(" : "[")
                + (parameter.minimum() == null
                        ? "-inf"
                        : parameter.minimum().stripTrailingZeros().toPlainString()) + ", "
                + (parameter.maximum() == null
                        ? "inf"
                        : parameter.maximum().stripTrailingZeros().toPlainString())
                + (parameter.exclusiveMaximum() || parameter.maximum() == null ? ")" : "]");
    }
}
