package dev.lossref.core.angular;

/**
 * The factor a_ij in f_ij = a_ij h_ij(cos theta_ij): how the family turns cosines back into logits.
 *
 * <ul>
 *   <li>{@link #constant}: a fixed scale s, for the normalised members (NormFace, AM-Softmax, ArcFace);</li>
 *   <li>{@link #embeddingNorm}: ||x_i||, for A-Softmax, whose weights are normalised but embeddings are not;</li>
 *   <li>{@link #productOfNorms}: ||W_j|| ||x_i||, for L-Softmax, where f_j = W_j . x.</li>
 * </ul>
 */
public final class LogitScale {

    private final double scale;
    private final boolean usesEmbeddingNorm;
    private final boolean usesWeightNorm;

    private LogitScale(double scale, boolean usesEmbeddingNorm, boolean usesWeightNorm) {
        this.scale = scale;
        this.usesEmbeddingNorm = usesEmbeddingNorm;
        this.usesWeightNorm = usesWeightNorm;
    }

    /** A fixed scale s, checked by the loss that declares it. */
    public static LogitScale constant(double scale) {
        return new LogitScale(scale, false, false);
    }

    public static LogitScale embeddingNorm() {
        return new LogitScale(1, true, false);
    }

    public static LogitScale productOfNorms() {
        return new LogitScale(1, true, true);
    }

    /** Whether the logits depend on the lengths of the vectors (so that cosines alone are not enough). */
    public boolean needsNorms() {
        return usesEmbeddingNorm || usesWeightNorm;
    }

    double value(double embeddingNorm, double weightNorm) {
        return scale * (usesEmbeddingNorm ? embeddingNorm : 1) * (usesWeightNorm ? weightNorm : 1);
    }

    boolean usesEmbeddingNorm() {
        return usesEmbeddingNorm;
    }

    boolean usesWeightNorm() {
        return usesWeightNorm;
    }
}
