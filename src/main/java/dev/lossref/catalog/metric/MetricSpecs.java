package dev.lossref.catalog.metric;

import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import java.util.List;

/** The inputs the pair losses share in the catalog: a labelled batch of embeddings, described once. */
final class MetricSpecs {

    static final String LABELS = "Equal labels mark a positive pair; any integers.";

    private MetricSpecs() {}

    /** embeddings [N x d] and labels [N], both required. */
    static List<InputSpec> labelledBatch(String labelsDescription) {
        return List.of(
                InputSpec.numbers(
                        "embeddings",
                        Shape.of("N", "d"),
                        Requirement.REQUIRED,
                        "The batch's embeddings; only their directions matter (rows are normalised). A zero row is "
                                + "400."),
                InputSpec.integers("labels", Shape.of("N"), Requirement.REQUIRED, labelsDescription));
    }
}
