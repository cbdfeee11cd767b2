package dev.lossref.api;

import dev.lossref.core.InputCheck;
import dev.lossref.core.Tensor;
import dev.lossref.service.RequestBody;
import dev.lossref.service.check.CheckReport;
import dev.lossref.service.check.CheckService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /losses/{name}/check} (docs/http-api.md 7): the HTTP side of a check. It reads the body (JSON only, as a
 * tree of at most 8 MiB), turns the claimed numbers into tensors, and hands the request to {@link
 * CheckService}, which evaluates it and judges the claims; every re-evaluation the check makes (the mean's
 * denominator, an alternative convention) reads its body as a client's is read.
 */
@RestController
@RequestMapping("/losses")
class CheckController {

    /** A check is about test-sized batches, read as a tree: 8 MiB is ample and bounds the tree's memory. */
    static final long MAX_CHECK_BYTES = 8L << 20;

    private final CheckService checks;
    private final RequestReader reader;
    private final JsonMapper mapper;

    CheckController(CheckService checks, RequestReader reader, JsonMapper mapper) {
        this.checks = checks;
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

    @Hidden
    @PostMapping(
            path = "/{name}/check",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CheckReport check(@PathVariable String name, HttpServletRequest http) {
        CheckRequest body = reader.read(http, CheckRequest.class, MAX_CHECK_BYTES);
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
        @SuppressWarnings("unchecked")
        Map<String, Object> request = mapper.convertValue(body.request(), Map.class);
        return checks.check(name, request, ClaimedFields.read(body.claimed()), body.rtol(), body.atol(), this::bodyOf);
    }

    /** A request tree read as a client's body is, with the same strictness and messages. */
    private RequestBody bodyOf(Map<String, Object> request) {
        byte[] json = mapper.writeValueAsBytes(request);
        return type -> reader.readEmbedded(json, type);
    }

    /** Claimed numbers read from JSON into tensors: rectangular arrays of finite numbers only. */
    static final class ClaimedFields {

        private ClaimedFields() {}

        static Map<String, Tensor> read(JsonNode claimed) {
            Map<String, Tensor> fields = new LinkedHashMap<>();
            for (var entry : claimed.properties()) {
                String key = entry.getKey();
                JsonNode node = entry.getValue();
                if (key.equals("gradients") || key.equals("hessians")) {
                    new InputCheck()
                            .require(node.isObject(), "claimed." + key, "must be an object of arrays by input name")
                            .throwIfFailed();
                    for (var input : node.properties()) {
                        fields.put(
                                key + "." + input.getKey(),
                                tensor(input.getValue(), "claimed." + key + "." + input.getKey()));
                    }
                } else {
                    fields.put(key, tensor(node, "claimed." + key));
                }
            }
            return fields;
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
            // The shape is read off the first elements; the whole array is checked against it before the
            // numbers are allocated, so that their count is that of the numbers the body really holds.
            int[] count = {0};
            fill(node, 0, shape, field, null, count);
            double[] data = new double[count[0]];
            fill(node, 0, shape, field, data, new int[] {0});
            int[] dimensions = shape.stream().mapToInt(Integer::intValue).toArray();
            return dimensions.length == 0 ? Tensor.scalar(data[0]) : Tensor.of(dimensions, data);
        }

        private static void fill(JsonNode node, int axis, List<Integer> shape, String path, double[] data, int[] next) {
            if (axis == shape.size()) {
                new InputCheck()
                        .require(node.isNumber() && Double.isFinite(node.asDouble()), path, "must be a finite number")
                        .throwIfFailed();
                if (data != null) {
                    data[next[0]] = node.asDouble();
                }
                next[0]++;
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
