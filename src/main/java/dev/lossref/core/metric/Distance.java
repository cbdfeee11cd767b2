package dev.lossref.core.metric;

import dev.lossref.core.WireName;
import dev.lossref.core.kernels.PairwiseDistances;

/** The distance D between embeddings of the metric losses, and its derivative. */
public enum Distance implements WireName {
    /** D = ||u - v||^2 (FaceNet). */
    SQUARED_EUCLIDEAN("squared-euclidean"),
    /** D = ||u - v|| (Hermans et al.). */
    EUCLIDEAN("euclidean");

    private final String wireName;

    Distance(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** D(u, v) over {@code length} elements from the given offsets. */
    public double between(double[] u, int uOffset, double[] v, int vOffset, int length) {
        double squared = PairwiseDistances.squared(u, uOffset, v, vOffset, length);
        return this == SQUARED_EUCLIDEAN ? squared : Math.sqrt(squared);
    }

    /** D between every pair of rows of x [n x d], an [n x n] row-major matrix. */
    public double[] matrix(double[] x, int n, int d) {
        return this == SQUARED_EUCLIDEAN
                ? PairwiseDistances.squaredMatrix(x, n, d)
                : PairwiseDistances.euclideanMatrix(x, n, d);
    }

    /**
     * dD/du = slope(D) (u - v): 2 for the squared distance, 1/D for the distance, whose subgradient
     * at D = 0 is taken as 0.
     */
    public double slope(double value) {
        if (this == SQUARED_EUCLIDEAN) {
            return 2;
        }
        return value == 0 ? 0 : 1 / value;
    }
}
