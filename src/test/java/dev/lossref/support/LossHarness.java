package dev.lossref.support;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.CatalogEntry;
import dev.lossref.core.Evaluation;
import dev.lossref.core.Reduction;
import dev.lossref.catalog.LossRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates a request body the way the service does (catalog lookup, the strict reader, the
 * reduction), without HTTP: for the golden-vector and gradient-check suites, which evaluate
 * thousands of requests.
 */
public final class LossHarness {

    private final Catalog catalog;
    private final JsonMapper mapper;

    public LossHarness(Catalog catalog, JsonMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    public Evaluation evaluate(String loss, JsonNode body) {
        return evaluate(loss, body, true);
    }

    public Evaluation evaluate(String loss, JsonNode body, boolean gradients) {
        CatalogEntry entry = catalog.require(loss);
        LossRequest request = (LossRequest) mapper.readerFor(entry.requestType()).readValue(mapper.writeValueAsString(body));
        Reduction reduction = request.effectiveReduction();
        return Evaluation.of(request.forward(), reduction, gradients);
    }
}
