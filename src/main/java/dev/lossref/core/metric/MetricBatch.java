package dev.lossref.core.metric;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.CosineSimilarity;
import java.util.Map;

/**
 * A labelled batch of embeddings as the pair losses see it: the pair structure of the
 * labels and the cosine similarities of the normalised rows, checked once (shapes, zero rows, the
 * work limit on the N x N similarity matrix).
 */
final class MetricBatch {

    private final Matrix embeddings;
    private final LabelPairs pairs;
    private final CosineSimilarity similarity;

    private MetricBatch(Matrix embeddings, LabelPairs pairs, CosineSimilarity similarity) {
        this.embeddings = embeddings;
        this.pairs = pairs;
        this.similarity = similarity;
    }

    static MetricBatch of(Matrix embeddings, int[] labels, WorkLimits limits) {
        int n = embeddings.rows();
        new InputCheck()
                .nonEmpty(n, "embeddings")
                .sameLength(labels.length, n, "labels", "embeddings")
                .throwIfFailed();
        limits.requireSimilarityCells((long) n * n, "embeddings");
        return new MetricBatch(embeddings, new LabelPairs(labels), CosineSimilarity.within(embeddings, "embeddings"));
    }

    int size() {
        return embeddings.rows();
    }

    LabelPairs pairs() {
        return pairs;
    }

    CosineSimilarity similarity() {
        return similarity;
    }

    /** dL/d embeddings from G = dL/dS. */
    Gradients gradient(double[] similarityGradient) {
        return new Gradients()
                .put(
                        "embeddings",
                        Tensor.matrix(
                                similarity.backwardWithin(similarityGradient), embeddings.rows(), embeddings.cols()));
    }

    /** A batch without a positive or a negative pair: value 0, no terms, zero gradients. */
    Forward nothingToLearn(Map<String, Tensor> extras) {
        return Forward.of(
                new double[0],
                coefficients -> new Gradients()
                        .put(
                                "embeddings",
                                Tensor.matrix(
                                        new double[embeddings.rows() * embeddings.cols()],
                                        embeddings.rows(),
                                        embeddings.cols())),
                extras);
    }
}
