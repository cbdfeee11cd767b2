package dev.lossref.api.curve;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.CatalogEntry;
import dev.lossref.catalog.CurveSeries;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.core.Evaluation;
import dev.lossref.core.InputCheck;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Tensor;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.service.LossService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes curves: the query's hyperparameters are checked against the catalog, each series' request
 * is built with one sample per axis value, and the request goes through the strict JSON reader and the
 * service exactly as a POST body would, with reduction sum.
 */
@Component
public class CurveComputer {

    /** Query parameters that shape the curve rather than the loss. */
    static final Set<String> CURVE_PARAMETERS = Set.of("from", "to", "points", "secondDerivative");
    /** Request fields that say what to compute rather than which loss: the curve sets them itself. */
    private static final Set<String> REQUEST_OPTIONS = Set.of("reduction", "gradients", "hessians", "newtonStep");

    static final int DEFAULT_POINTS = 201;
    static final int MAX_POINTS = 2001;

    private final Catalog catalog;
    private final LossService service;
    private final JsonMapper mapper;
    private final CurveRequestReader reader;

    CurveComputer(Catalog catalog, LossService service, JsonMapper mapper, CurveRequestReader reader) {
        this.catalog = catalog;
        this.service = service;
        this.mapper = mapper;
        this.reader = reader;
    }

    /**
     * @param query the query parameters: from, to, points, and any hyperparameters of the loss
     * @param ignored further parameter names that belong to the caller (the SVG's options)
     */
    public CurvePoints compute(String name, Map<String, String> query, Set<String> ignored) {
        CatalogEntry entry = catalog.require(name);
        var curve = entry.curve();
        double from = number(query, "from", curve.from());
        double to = number(query, "to", curve.to());
        int points = (int) number(query, "points", DEFAULT_POINTS);
        new InputCheck()
                .require(from < to, "from", "must be below to")
                .require(points >= 2 && points <= MAX_POINTS, "points", "must be in [2, " + MAX_POINTS + "]")
                .throwIfFailed();
        Map<String, Object> parameters = hyperparameters(entry, query, ignored);
        boolean second = secondDerivative(entry, query);
        double[] x = new double[points];
        double span = to - from;
        for (int i = 0; i < points; i++) {
            // A span beyond float64 (from -1e308 to 1e308) is walked without forming it.
            double t = (double) i / (points - 1);
            x[i] = Double.isFinite(span) ? from + span * i / (points - 1) : from * (1 - t) + to * t;
        }
        List<CurvePoints.Series> series = new ArrayList<>();
        for (CurveSeries spec : curve.series()) {
            series.add(requireFinite(series.size(), evaluate(entry, spec, x, parameters, second), x));
        }
        return new CurvePoints(
                name, entry.descriptor().title(), curve.axis(), curve.axisLabel(), parameters, x, series);
    }

    /** Whether the query asks for second derivatives (secondDerivative=true), which the loss must have. */
    private static boolean secondDerivative(CatalogEntry entry, Map<String, String> query) {
        String text = query.getOrDefault("secondDerivative", "false");
        new InputCheck()
                .require(text.equals("true") || text.equals("false"), "secondDerivative", "must be true or false")
                .throwIfFailed();
        boolean wanted = Boolean.parseBoolean(text);
        new InputCheck()
                .require(
                        !wanted || entry.hasSecondDerivativeAlongCurve(),
                        "secondDerivative",
                        "this loss has no second derivative along its curve")
                .throwIfFailed();
        return wanted;
    }

    private CurvePoints.Series evaluate(
            CatalogEntry entry, CurveSeries spec, double[] x, Map<String, Object> parameters, boolean second) {
        if (spec.batchPerPoint()) {
            return evaluateBatchPerPoint(entry, spec, x, parameters);
        }
        try {
            return evaluateAsOneBatch(entry, spec, x, x, parameters, second);
        } catch (UnrepresentableResultException overflow) {
            if (!overflow.field().equals("value") || x.length == 1) {
                throw overflow;
            }
            // The batch's sum overflowed (points at 1e308), not a point: each point as a batch of its own.
            return evaluatePointByPoint(entry, spec, x, parameters, second);
        }
    }

    private CurvePoints.Series evaluatePointByPoint(
            CatalogEntry entry, CurveSeries spec, double[] x, Map<String, Object> parameters, boolean second) {
        double[] loss = new double[x.length];
        double[] derivative = new double[x.length];
        double[] secondDerivative = second ? new double[x.length] : null;
        double[] targetLogit = null;
        for (int i = 0; i < x.length; i++) {
            CurvePoints.Series point = evaluateAsOneBatch(entry, spec, new double[] {x[i]}, x, parameters, second);
            loss[i] = point.loss()[0];
            derivative[i] = point.derivative()[0];
            if (second) {
                secondDerivative[i] = point.secondDerivative()[0];
            }
            if (point.targetLogit() != null) {
                targetLogit = targetLogit == null ? new double[x.length] : targetLogit;
                targetLogit[i] = point.targetLogit()[0];
            }
        }
        return new CurvePoints.Series(spec.name(), loss, derivative, secondDerivative, targetLogit);
    }

    /** The series at the points x (of the whole axis {@code axis}) as one batch reduced by sum. */
    private CurvePoints.Series evaluateAsOneBatch(
            CatalogEntry entry,
            CurveSeries spec,
            double[] x,
            double[] axis,
            Map<String, Object> parameters,
            boolean second) {
        Map<String, Object> body = new LinkedHashMap<>(requestAt(spec, x, parameters, axis));
        body.putAll(parameters);
        body.put("reduction", "sum");
        if (second) {
            body.put("hessians", true);
        }
        Evaluation evaluation = evaluate(entry, body);
        double[] perSample = evaluation.perSample();
        double total = 0;
        for (double value : perSample) {
            total += value;
        }
        // With reduction sum, value = scale * sum(perSample) (the SVM's C, say): each point's share of it.
        double scale = total == 0 ? 1 : evaluation.value() / total;
        double[] loss = new double[x.length];
        double[] derivative = new double[x.length];
        double[] secondDerivative = second ? new double[x.length] : null;
        for (int i = 0; i < x.length; i++) {
            loss[i] = scale * perSample[i];
            derivative[i] = spec.derivative(i, x[i], evaluation.gradients().asMap(), parameters);
            if (second) {
                secondDerivative[i] = spec.secondDerivative()
                        .at(i, x[i], evaluation.hessians().asMap(), parameters);
            }
        }
        Tensor targetLogits = evaluation.extras().get("targetLogits");
        return new CurvePoints.Series(
                spec.name(), loss, derivative, secondDerivative, targetLogits == null ? null : targetLogits.data());
    }

    /** One batch per axis value: each point is its batch's value, with the reduction the series chose. */
    private CurvePoints.Series evaluateBatchPerPoint(
            CatalogEntry entry, CurveSeries spec, double[] x, Map<String, Object> parameters) {
        double[] loss = new double[x.length];
        double[] derivative = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            Map<String, Object> body = new LinkedHashMap<>(requestAt(spec, new double[] {x[i]}, parameters, x));
            body.putAll(parameters);
            Evaluation evaluation = evaluate(entry, body);
            loss[i] = evaluation.value();
            derivative[i] = spec.derivative(0, x[i], evaluation.gradients().asMap(), parameters);
        }
        return new CurvePoints.Series(spec.name(), loss, derivative, null, null);
    }

    /**
     * Every point of a series is a finite number (a curve is an answer like any other): one that is not is 422,
     * naming it as the answer does (series[k].quantity[i]) and the axis value.
     */
    private static CurvePoints.Series requireFinite(int k, CurvePoints.Series series, double[] x) {
        Map<String, double[]> quantities = new LinkedHashMap<>();
        quantities.put("loss", series.loss());
        quantities.put("derivative", series.derivative());
        quantities.put("secondDerivative", series.secondDerivative());
        quantities.put("targetLogit", series.targetLogit());
        for (Map.Entry<String, double[]> quantity : quantities.entrySet()) {
            double[] values = quantity.getValue();
            for (int i = 0; values != null && i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new UnrepresentableResultException(
                            "series[" + k + "]." + quantity.getKey() + "[" + i + "]",
                            "is not representable in float64 at x = " + x[i]);
                }
            }
        }
        return series;
    }

    /**
     * The series' request at every axis value; an axis value outside the curve's domain (a cosine beyond 1)
     * gives a request that is not a number somewhere, refused naming the end of the range that reached it.
     */
    private static Map<String, Object> requestAt(
            CurveSeries spec, double[] x, Map<String, Object> parameters, double[] axis) {
        Map<String, Object> request = spec.request(x, parameters);
        for (Map.Entry<String, Object> field : request.entrySet()) {
            int at = firstNonFinite(field.getValue(), 0);
            if (at >= 0) {
                double point = x[Math.min(at, x.length - 1)];
                double from = axis[0];
                double to = axis[axis.length - 1];
                throw new InvalidInputException(
                        point - from < to - point ? "from" : "to",
                        "the curve is not defined at x = " + point + ": the axis leaves the curve's domain there");
            }
        }
        return request;
    }

    /** The position of the first non-finite number of a request field (an array of any depth), or -1. */
    private static int firstNonFinite(Object value, int counted) {
        if (value instanceof double[] numbers) {
            for (int k = 0; k < numbers.length; k++) {
                if (!Double.isFinite(numbers[k])) {
                    return counted + k;
                }
            }
            return -1;
        }
        if (value instanceof Number number) {
            return Double.isFinite(number.doubleValue()) ? -1 : counted;
        }
        if (value instanceof List<?> list) {
            for (int k = 0; k < list.size(); k++) {
                int at = firstNonFinite(list.get(k), k);
                if (at >= 0) {
                    return at;
                }
            }
        }
        if (value instanceof double[][] rows) {
            for (int k = 0; k < rows.length; k++) {
                if (firstNonFinite(rows[k], 0) >= 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    private Evaluation evaluate(CatalogEntry entry, Map<String, Object> body) {
        byte[] json = mapper.writeValueAsBytes(body);
        return service.evaluate(entry, type -> reader.read(json, type)).evaluation();
    }

    /** The hyperparameters in the query, typed as the catalog says; anything unknown is refused. */
    private static Map<String, Object> hyperparameters(
            CatalogEntry entry, Map<String, String> query, Set<String> ignored) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            String key = parameter.getKey();
            if (CURVE_PARAMETERS.contains(key) || ignored.contains(key)) {
                continue;
            }
            Hyperparameter spec = entry.descriptor().hyperparameters().stream()
                    .filter(candidate -> candidate.name().equals(key) && !REQUEST_OPTIONS.contains(candidate.name()))
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(key, "is not a hyperparameter of this loss"));
            parameters.put(key, typed(spec, parameter.getValue()));
        }
        return parameters;
    }

    private static Object typed(Hyperparameter spec, String text) {
        try {
            return switch (spec.type()) {
                case "number" -> {
                    if ("null".equals(text) && spec.nullable()) {
                        yield null;
                    }
                    double value = Double.parseDouble(text);
                    if (!Double.isFinite(value)) {
                        throw new NumberFormatException();
                    }
                    yield value;
                }
                case "integer" -> Integer.parseInt(text);
                case "boolean" -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        throw new NumberFormatException();
                    }
                    yield Boolean.parseBoolean(text);
                }
                default -> text;
            };
        } catch (NumberFormatException failure) {
            throw new InvalidInputException(spec.name(), "must be a " + spec.type() + ", got \"" + text + "\"");
        }
    }

    private static double number(Map<String, String> query, String name, double defaultValue) {
        String text = query.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException failure) {
            // reported below
        }
        throw new InvalidInputException(name, "must be a finite number, got \"" + text + "\"");
    }
}
