package dev.lossref.api;

import dev.lossref.catalog.AlternativeConvention;
import dev.lossref.catalog.Catalog;
import dev.lossref.core.Evaluation;
import dev.lossref.core.InputCheck;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Tensor;
import dev.lossref.service.LossResult;
import dev.lossref.service.LossService;
import dev.lossref.service.check.Hint;
import dev.lossref.service.check.Judge;
import dev.lossref.service.check.Judgement;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /losses/{name}/check} (API.md 9): evaluates the client's request exactly as
 * {@code POST /losses/{name}} would and judges the numbers the client claims for it, field by field.
 */
@RestController
@RequestMapping("/losses")
class CheckController {

    /** A check is about test-sized batches, read as a tree: 8 MiB is ample and bounds the tree's memory. */
    static final long MAX_CHECK_BYTES = 8L << 20;

    static final double DEFAULT_RTOL = 1e-9;
    static final double DEFAULT_ATOL = 1e-12;

    private final Catalog catalog;
    private final LossService service;
    private final RequestReader reader;
    private final JsonMapper mapper;

    CheckController(Catalog catalog, LossService service, RequestReader reader, JsonMapper mapper) {
        this.catalog = catalog;
        this.service = service;
        this.reader = reader;
        this.mapper = mapper;
    }

    /**
     * The body of a check.
     *
     * @param request a request for the loss, as for {@code POST /losses/{name}}
     * @param claimed the client's numbers: any of value, perSample, gradients, hessians
     * @param rtol relative tolerance in [0, 1], default 1e-9
     * @param atol absolute tolerance in [0, 1], default 1e-12
     */
    record CheckRequest(JsonNode request, JsonNode claimed, Double rtol, Double atol) {}

    /** The report of a check (API.md 9). */
    record CheckResponse(
            String loss,
            String verdict,
            double rtol,
            double atol,
            List<Judgement> fields,
            List<String> unclaimed,
            List<Hint> hints) {}

    @Hidden
    @PostMapping(
            path = "/{name}/check",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CheckResponse check(@PathVariable String name, HttpServletRequest http) {
        CheckRequest body = reader.read(http, CheckRequest.class, MAX_CHECK_BYTES);
        double rtol = tolerance(body.rtol(), DEFAULT_RTOL, "rtol");
        double atol = tolerance(body.atol(), DEFAULT_ATOL, "atol");
        new InputCheck()
                .require(
                        body.request() != null && body.request().isObject(),
                        "request",
                        "must be a JSON object: a request for " + name)
                .require(
                        body.claimed() != null
                                && body.claimed().isObject()
                                && !body.claimed().isEmpty(),
                        "claimed",
                        "must be a JSON object with at least one of value, perSample, gradients, hessians")
                .throwIfFailed();
        byte[] json = mapper.writeValueAsBytes(body.request());
        LossResult result = service.evaluate(name, type -> reader.readEmbedded(json, type));
        Map<String, Tensor> expected = claimable(result.evaluation());
        Map<String, Tensor> claimed = ClaimedFields.read(body.claimed(), expected.keySet());
        Map<String, Double> factors = new LinkedHashMap<>();
        meansDenominator(name, body.request(), result)
                .ifPresent(denominator -> factors.put(
                        "the mean's denominator (N, the sum of the class weights, or what the loss's mean divides by)",
                        denominator));
        namedFactors(result.evaluation()).forEach(factors::putIfAbsent);
        Judge judge = new Judge(rtol, atol, factors);
        Map<String, Function<String, Tensor>> conventions = conventions(name, body.request());
        List<Judgement> fields = new ArrayList<>();
        List<Hint> hints = new ArrayList<>();
        for (Map.Entry<String, Tensor> claim : claimed.entrySet()) {
            Judge.Result verdict =
                    judge.judge(claim.getKey(), expected.get(claim.getKey()), claim.getValue(), conventions);
            fields.add(verdict.judgement());
            hints.addAll(verdict.hints());
        }
        List<String> unclaimed = expected.keySet().stream()
                .filter(field -> !claimed.containsKey(field))
                .toList();
        boolean pass = fields.stream().allMatch(Judgement::pass);
        return new CheckResponse(name, pass ? "pass" : "fail", rtol, atol, fields, unclaimed, hints);
    }

    /**
     * The answer under each alternative convention the loss declares, evaluated only when a failing field
     * asks for it (and then once); a convention that does not apply to this request is left out.
     */
    private Map<String, Function<String, Tensor>> conventions(String name, JsonNode request) {
        Map<String, Function<String, Tensor>> answers = new LinkedHashMap<>();
        for (AlternativeConvention convention : catalog.require(name).alternativeConventions()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = mapper.convertValue(request, Map.class);
            Map<String, Object> changed = convention.change().apply(body);
            if (changed == null) {
                continue;
            }
            AtomicReference<Map<String, Tensor>> answer = new AtomicReference<>();
            answers.put(convention.description(), field -> {
                Map<String, Tensor> fields = answer.updateAndGet(known -> known != null
                        ? known
                        : convention
                                .answerChange()
                                .apply(
                                        changed,
                                        claimable(service.evaluate(
                                                        name,
                                                        type -> reader.readEmbedded(
                                                                mapper.writeValueAsBytes(changed), type))
                                                .evaluation())));
                return fields == null ? null : fields.get(convention.answerField(field));
            });
        }
        return answers;
    }

    private static double tolerance(Double sent, double defaultValue, String field) {
        if (sent == null) {
            return defaultValue;
        }
        new InputCheck()
                .require(sent >= 0 && sent <= 1, field, "must be in [0, 1], got " + sent)
                .throwIfFailed();
        return sent;
    }

    /** The fields of the answer a client may claim, by name, in the answer's order. */
    private static Map<String, Tensor> claimable(Evaluation evaluation) {
        Map<String, Tensor> fields = new LinkedHashMap<>();
        fields.put("value", Tensor.scalar(evaluation.value()));
        fields.put("perSample", evaluation.perSampleTensor());
        if (evaluation.gradients() != null) {
            evaluation.gradients().asMap().forEach((input, gradient) -> fields.put("gradients." + input, gradient));
        }
        if (evaluation.hessians() != null) {
            evaluation.hessians().asMap().forEach((input, hessian) -> fields.put("hessians." + input, hessian));
        }
        return fields;
    }

    /**
     * What the request's mean divides by, measured: the value under reduction sum over the value under
     * the mean (a weighted mean divides by the weights' sum, CTC's by target lengths); empty for a sum, a
     * zero value, or a loss whose mean is not one division (Proxy-Anchor's two divisors give no single k).
     */
    private java.util.Optional<Double> meansDenominator(String name, JsonNode request, LossResult result) {
        String reduction = result.reduction().wireName();
        if (!(reduction.equals("mean") || reduction.equals("batchmean"))
                || result.evaluation().value() == 0) {
            return java.util.Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> sum = new LinkedHashMap<>(mapper.convertValue(request, Map.class));
        sum.put("reduction", "sum");
        sum.remove("hessians");
        sum.remove("newtonStep");
        byte[] json = mapper.writeValueAsBytes(sum);
        double summed = service.evaluate(name, type -> reader.readEmbedded(json, type))
                .evaluation()
                .value();
        double denominator = summed / result.evaluation().value();
        return Double.isFinite(denominator) && denominator > 0 && Math.abs(denominator - 1) > 1e-12
                ? java.util.Optional.of(denominator)
                : java.util.Optional.empty();
    }

    /**
     * The factors a scale hint names: N (the samples of perSample, N d for an elementwise loss), the rows
     * of an elementwise loss's input, and C (the columns of a matrix-shaped gradient, such as the classes).
     */
    private static Map<String, Double> namedFactors(Evaluation evaluation) {
        Map<String, Double> factors = new LinkedHashMap<>();
        Tensor perSample = evaluation.perSampleTensor();
        if (perSample.data().length > 1) {
            factors.put(
                    perSample.rank() > 1 ? "N d, the number of elements" : "N, the number of terms of the mean",
                    (double) perSample.data().length);
        }
        if (perSample.rank() > 1 && perSample.dimension(0) > 1) {
            factors.putIfAbsent("N, the number of rows", (double) perSample.dimension(0));
        }
        if (evaluation.gradients() != null) {
            for (Tensor gradient : evaluation.gradients().asMap().values()) {
                if (gradient.rank() == 2 && gradient.dimension(1) > 1) {
                    factors.putIfAbsent("C, the number of columns (classes)", (double) gradient.dimension(1));
                    break;
                }
            }
        }
        return factors;
    }

    /** Claimed numbers read from JSON into tensors: rectangular arrays of finite numbers only. */
    static final class ClaimedFields {

        private ClaimedFields() {}

        static Map<String, Tensor> read(JsonNode claimed, java.util.Set<String> claimable) {
            Map<String, Tensor> fields = new LinkedHashMap<>();
            for (var entry : claimed.properties()) {
                String key = entry.getKey();
                JsonNode node = entry.getValue();
                if (key.equals("gradients") || key.equals("hessians")) {
                    new InputCheck()
                            .require(node.isObject(), "claimed." + key, "must be an object of arrays by input name")
                            .throwIfFailed();
                    for (var input : node.properties()) {
                        put(fields, key + "." + input.getKey(), input.getValue(), claimable);
                    }
                } else {
                    put(fields, key, node, claimable);
                }
            }
            return fields;
        }

        private static void put(
                Map<String, Tensor> fields, String field, JsonNode node, java.util.Set<String> claimable) {
            if (!claimable.contains(field)) {
                throw new InvalidInputException(
                        "claimed." + field,
                        "is not a field of this answer; its fields are: " + String.join(", ", claimable));
            }
            fields.put(field, tensor(node, "claimed." + field));
        }

        private static Tensor tensor(JsonNode node, String field) {
            List<Integer> shape = new ArrayList<>();
            for (JsonNode probe = node; probe.isArray(); probe = probe.isEmpty() ? null : probe.get(0)) {
                shape.add(probe.size());
                if (probe.isEmpty()) {
                    break;
                }
            }
            new InputCheck()
                    .require(shape.size() <= Tensor.MAX_RANK, field, "has more than " + Tensor.MAX_RANK + " axes")
                    .throwIfFailed();
            int count = 1;
            for (int size : shape) {
                count = Math.multiplyExact(count, size);
            }
            double[] data = new double[count];
            fill(node, 0, shape, field, data, new int[] {0});
            int[] dimensions = shape.stream().mapToInt(Integer::intValue).toArray();
            return dimensions.length == 0 ? Tensor.scalar(data[0]) : Tensor.of(dimensions, data);
        }

        private static void fill(JsonNode node, int axis, List<Integer> shape, String path, double[] data, int[] next) {
            if (axis == shape.size()) {
                new InputCheck()
                        .require(node.isNumber() && Double.isFinite(node.asDouble()), path, "must be a finite number")
                        .throwIfFailed();
                data[next[0]++] = node.asDouble();
                return;
            }
            new InputCheck()
                    .require(
                            node.isArray() && node.size() == shape.get(axis),
                            path,
                            "must be an array of " + shape.get(axis) + " entries, as its first sibling")
                    .throwIfFailed();
            for (int i = 0; i < node.size(); i++) {
                fill(node.get(i), axis + 1, shape, path + "[" + i + "]", data, next);
            }
        }
    }
}
