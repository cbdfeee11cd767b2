package dev.lossref.api.curve;

import dev.lossref.catalog.Catalog;
import dev.lossref.core.InputCheck;
import dev.lossref.core.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The curves of the losses, as points and as SVG plots. */
@RestController
@Tag(name = "curves", description = "Each loss and its derivative along its natural axis, as points or as an SVG plot")
class CurveController {

    private static final String SVG = "image/svg+xml";
    private static final Set<String> SVG_OPTIONS = Set.of("quantity");
    private static final Set<String> COMBINED_OPTIONS = Set.of("quantity", "losses", "loss", "vary", "values");

    private final CurveComputer curves;
    private final Catalog catalog;

    CurveController(CurveComputer curves, Catalog catalog) {
        this.curves = curves;
        this.catalog = catalog;
    }

    @GetMapping(path = "/losses/{name}/curve", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Points of the loss and of its derivative along the loss's natural axis",
            description = "The axis is the loss's natural one, named in the answer: the margin m = y f for the losses "
                    + "on scores, the residual for regression, the probability of the true class p_t, the angle theta "
                    + "for the angular-margin family, a distance for the metric losses. Any hyperparameter of the loss "
                    + "may be given as a query parameter; it is validated as in the POST body. Each point is computed "
                    + "by the POST endpoint's code with reduction sum.")
    CurvePoints curve(
            @PathVariable String name,
            @Parameter(description = "start of the axis range (default: the loss's)") @RequestParam(required = false)
                    Double from,
            @Parameter(description = "end of the axis range") @RequestParam(required = false) Double to,
            @Parameter(description = "number of points, 2 to 2001 (default 201)") @RequestParam(required = false)
                    Integer points,
            @Parameter(hidden = true) @RequestParam Map<String, String> query) {
        return curves.compute(name, query, Set.of());
    }

    @GetMapping(path = "/losses/{name}/curve.svg", produces = SVG)
    @Operation(summary = "The curve of one loss as an SVG plot (one line per series)")
    ResponseEntity<String> curveSvg(
            @PathVariable String name,
            @Parameter(
                            description =
                                    "what to draw: loss (default), derivative, second-derivative, or derivatives (the "
                                            + "first and second on one plot; losses with hessians), or target-logit "
                                            + "(the margin-softmax family's target logit after the margin)")
                    @RequestParam(defaultValue = "loss")
                    String quantity,
            @Parameter(description = "start of the axis range") @RequestParam(required = false) Double from,
            @Parameter(description = "end of the axis range") @RequestParam(required = false) Double to,
            @Parameter(description = "number of points") @RequestParam(required = false) Integer points,
            @Parameter(hidden = true) @RequestParam Map<String, String> query) {
        CurvePoints curve = curves.compute(name, withSecondDerivative(query, quantity), SVG_OPTIONS);
        List<SvgPlot.Line> lines = new ArrayList<>();
        for (CurvePoints.Series series : curve.series()) {
            String label = curve.series().size() == 1 ? name : series.name();
            if (quantity.equals("derivatives")) {
                lines.add(new SvgPlot.Line(label + ": first derivative", curve.x(), series.derivative()));
                lines.add(new SvgPlot.Line(label + ": second derivative", curve.x(), series.secondDerivative()));
            } else {
                lines.add(new SvgPlot.Line(label, curve.x(), pick(series, quantity)));
            }
        }
        return svg(
                SvgPlot.render(title(curve.title(), curve.parameters()), curve.axisLabel(), yLabel(quantity), lines));
    }

    @GetMapping(path = "/curves.svg", produces = SVG)
    @Operation(
            summary = "Several curves on one plot",
            description = "Either several losses on the same axis (losses=name1,name2,...), or several values of one "
                    + "hyperparameter of one loss (loss=name&vary=parameter&values=v1,v2,...); the comparison plots of "
                    + "the gallery at / are examples of both. Other query parameters are hyperparameters applied to "
                    + "every curve.")
    ResponseEntity<String> combined(
            @Parameter(description = "comma-separated loss names sharing one axis") @RequestParam(required = false)
                    String losses,
            @Parameter(description = "one loss, with vary and values") @RequestParam(required = false) String loss,
            @Parameter(description = "the hyperparameter to vary") @RequestParam(required = false) String vary,
            @Parameter(description = "comma-separated values of that hyperparameter") @RequestParam(required = false)
                    String values,
            @Parameter(description = "loss (default), derivative or second-derivative")
                    @RequestParam(defaultValue = "loss")
                    String quantity,
            @Parameter(hidden = true) @RequestParam Map<String, String> asked) {
        new InputCheck()
                .require(
                        (losses == null) != (loss == null),
                        "losses",
                        "send either losses or loss (with vary and values)")
                .require(
                        !quantity.equals("derivatives"),
                        "quantity",
                        "derivatives draws one loss: use /losses/{name}/curve.svg")
                .throwIfFailed();
        Map<String, String> query = withSecondDerivative(asked, quantity);
        List<SvgPlot.Line> lines = new ArrayList<>();
        String axisLabel = null;
        String title;
        Map<String, Object> shared = new LinkedHashMap<>();
        if (losses != null) {
            List<String> names = List.of(losses.split(","));
            new InputCheck()
                    .require(names.size() <= 8, "losses", "at most 8 losses on one plot")
                    .throwIfFailed();
            for (String name : names) {
                CurvePoints points = curves.compute(name.trim(), query, COMBINED_OPTIONS);
                axisLabel = sameAxis(axisLabel, points, name);
                shared.putAll(points.parameters());
                lines.add(new SvgPlot.Line(
                        name.trim(), points.x(), pick(points.series().get(0), quantity)));
            }
            title = "Losses along " + axisLabel;
        } else {
            new InputCheck().present(vary, "vary").present(values, "values").throwIfFailed();
            List<String> settings = List.of(values.split(","));
            new InputCheck()
                    .require(settings.size() <= 8, "values", "at most 8 values on one plot")
                    .throwIfFailed();
            for (String value : settings) {
                Map<String, String> withValue = new LinkedHashMap<>(query);
                withValue.put(vary, value.trim());
                CurvePoints points = curves.compute(loss, withValue, COMBINED_OPTIONS);
                axisLabel = points.axisLabel();
                shared.putAll(points.parameters());
                shared.remove(vary);
                lines.add(new SvgPlot.Line(
                        vary + " = " + value.trim(),
                        points.x(),
                        pick(points.series().get(0), quantity)));
            }
            title = catalog.require(loss).descriptor().title() + ", varying " + vary;
        }
        if (!shared.isEmpty()) {
            title = title + " (" + describe(shared) + ")";
        }
        return svg(SvgPlot.render(title, axisLabel, yLabel(quantity), lines));
    }

    private static String sameAxis(String axisLabel, CurvePoints points, String name) {
        if (axisLabel != null && !axisLabel.equals(points.axisLabel())) {
            throw new InvalidInputException(
                    "losses",
                    name + " is drawn along \"" + points.axisLabel() + "\", not \"" + axisLabel
                            + "\"; only losses on the same axis share a plot");
        }
        return points.axisLabel();
    }

    /** The query with secondDerivative=true where the quantity drawn needs it. */
    private static Map<String, String> withSecondDerivative(Map<String, String> query, String quantity) {
        if (!quantity.equals("second-derivative") && !quantity.equals("derivatives")) {
            return query;
        }
        Map<String, String> asked = new java.util.LinkedHashMap<>(query);
        asked.put("secondDerivative", "true");
        return asked;
    }

    private static double[] pick(CurvePoints.Series series, String quantity) {
        return switch (quantity) {
            case "loss" -> series.loss();
            case "derivative" -> series.derivative();
            case "second-derivative" -> series.secondDerivative();
            case "target-logit" -> {
                if (series.targetLogit() == null) {
                    throw new InvalidInputException(
                            "quantity",
                            "target-logit is drawn for the losses on the margin-softmax head (their answers' "
                                    + "targetLogits)");
                }
                yield series.targetLogit();
            }
            default ->
                throw new InvalidInputException(
                        "quantity",
                        "must be \"loss\", \"derivative\", \"second-derivative\", \"derivatives\" or \"target-logit\"");
        };
    }

    private static String yLabel(String quantity) {
        return switch (quantity) {
            case "derivative" -> "derivative along the axis";
            case "second-derivative" -> "second derivative along the axis";
            case "derivatives" -> "first and second derivative along the axis";
            case "target-logit" -> "target logit f_y after the margin";
            default -> "loss";
        };
    }

    private static String title(String title, Map<String, Object> parameters) {
        return title + " (" + (parameters.isEmpty() ? "defaults" : describe(parameters)) + ")";
    }

    private static String describe(Map<String, Object> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> entry.getKey() + " = " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static ResponseEntity<String> svg(String body) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(SVG)).body(body);
    }
}
