package dev.lossref.support;

import dev.lossref.core.Evaluation;
import dev.lossref.service.LossService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluates a request body through the service, as {@code POST /losses/{name}} does (catalog lookup,
 * the application's strict reader, {@link LossService}'s reduction and backward pass), without HTTP:
 * for the golden-vector and gradient-check suites, which evaluate thousands of requests.
 */
public final class LossHarness {

    private final LossService service;
    private final JsonMapper mapper;

    public LossHarness(LossService service, JsonMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    public Evaluation evaluate(String loss, JsonNode body) {
        return evaluate(loss, body, true);
    }

    /**
     * With {@code gradients} false the request is sent with {@code "gradients": false}, and without the
     * second-order fields, which need gradients.
     */
    public Evaluation evaluate(String loss, JsonNode body, boolean gradients) {
        JsonNode sent = body;
        if (!gradients) {
            ObjectNode valueOnly = ((ObjectNode) body.deepCopy()).put("gradients", false);
            valueOnly.remove("hessians");
            valueOnly.remove("newtonStep");
            sent = valueOnly;
        }
        String json = mapper.writeValueAsString(sent);
        return service.evaluate(loss, type -> mapper.readerFor(type).readValue(json))
                .evaluation();
    }
}
