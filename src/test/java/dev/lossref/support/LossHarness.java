package dev.lossref.support;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.LossRequest;
import dev.lossref.core.Evaluation;
import dev.lossref.core.Forward;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Reduction;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.WorkLimits;
import dev.lossref.service.LossService;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluates a request body through the service, as {@code POST /losses/{name}} does (catalog lookup,
 * the application's strict reader, {@link LossService}'s reduction and backward pass), without HTTP:
 * for the golden-vector and gradient-check suites, which evaluate thousands of requests. It also runs a
 * request's forward pass under any {@link Reduction}, for the checks of the backward pass with per-sample
 * coefficients.
 */
public final class LossHarness {

    private final LossService service;
    private final JsonMapper mapper;
    private final Catalog catalog;

    public LossHarness(LossService service, JsonMapper mapper, Catalog catalog) {
        this.service = service;
        this.mapper = mapper;
        this.catalog = catalog;
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

    /**
     * The request's forward pass reduced by {@code reduction} instead of its own, with gradients when asked,
     * and second derivatives where the request asks for hessians.
     */
    public Evaluation evaluate(String loss, JsonNode body, Reduction reduction, boolean gradients) {
        ObjectNode sent = ((ObjectNode) body.deepCopy());
        boolean hessians = gradients && sent.path("hessians").asBoolean(false);
        sent.remove("hessians");
        sent.remove("newtonStep");
        LossRequest request =
                mapper.readerFor(catalog.require(loss).requestType()).readValue(mapper.writeValueAsString(sent));
        Forward forward = request.forward(WorkLimits.DEFAULT);
        return Evaluation.of(forward, reduction, gradients, hessians && forward instanceof SecondOrderForward, false);
    }

    /**
     * The example under {@code reduction} with seeded noise on every model-side input (each input the answer
     * has a gradient for); a smaller spread where the noise left the input's domain (a probability above 1).
     */
    public ObjectNode nearby(String loss, ObjectNode example, String reduction, SplittableRandom random) {
        ObjectNode base = example.deepCopy();
        base.put("reduction", reduction);
        Evaluation atExample = evaluate(loss, base);
        for (double spread = 0.3; spread > 1e-3; spread /= 3) {
            ObjectNode candidate = base.deepCopy();
            for (String input : atExample.gradients().asMap().keySet()) {
                JsonNode value = candidate.has(input) ? candidate.get(input) : JsonNodeFactory.instance.numberNode(0.0);
                candidate.set(input, JsonLeaves.perturb(value, spread, random));
            }
            try {
                evaluate(loss, candidate);
                return candidate;
            } catch (InvalidInputException outsideDomain) {
                // The noise moved an input out of its domain: retry closer to the example.
            }
        }
        throw new AssertionError("no valid random request near the example of " + loss);
    }
}
