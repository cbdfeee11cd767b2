package dev.lossref.core;

/**
 * Bounds on the work one evaluation may create beyond its input: the number of triplets mined from
 * a batch (which grows as N^3), and the dimension d of a linear model's full Hessian (d^2 numbers,
 * N d^2 operations, and d^3 / 3 for the Newton step's Cholesky factorisation).
 *
 * @param maxTriplets the most triplets a mining strategy may select
 * @param maxHessianDimension the most weights a linear model may have when its Hessian or Newton step is asked for
 * @param maxCtcCells the most cells N T (2S + 1) of CTC's alignment lattices (two doubles each, alpha and beta)
 * @param maxSimilarityCells the most cells of a pairwise similarity or distance matrix (N x N, or N x C
 *     against proxies and class weights) of the metric-learning losses, whose work grows as N^2 d
 */
public record WorkLimits(long maxTriplets, int maxHessianDimension, long maxCtcCells, long maxSimilarityCells) {

    /**
     * About 100 MB of triplets and their losses; a Hessian of 8 MB, factorised in well under a second;
     * 50 million lattice cells, 800 MB of alpha and beta at most; a 4096 x 4096 similarity matrix, 134 MB
     * (and as much again for its gradient).
     */
    public static final WorkLimits DEFAULT = new WorkLimits(4_000_000, 1024, 50_000_000, 16_777_216);

    public WorkLimits {
        if (maxTriplets < 1 || maxTriplets > Integer.MAX_VALUE / 3) {
            throw new IllegalArgumentException(
                    "maxTriplets must be in [1, " + Integer.MAX_VALUE / 3 + "], got " + maxTriplets);
        }
        if (maxHessianDimension < 1 || maxHessianDimension > 46_340) {
            throw new IllegalArgumentException("maxHessianDimension must be in [1, 46340], got " + maxHessianDimension);
        }
        if (maxCtcCells < 1) {
            throw new IllegalArgumentException("maxCtcCells must be positive, got " + maxCtcCells);
        }
        if (maxSimilarityCells < 1 || maxSimilarityCells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "maxSimilarityCells must be in [1, " + (Integer.MAX_VALUE - 8) + "], got " + maxSimilarityCells);
        }
    }

    /** The default limits but for the triplets. */
    public WorkLimits(long maxTriplets) {
        this(maxTriplets, 1024, 50_000_000, 16_777_216);
    }

    /** Refuses (413) a similarity or distance matrix of more than {@link #maxSimilarityCells()} cells. */
    public void requireSimilarityCells(long cells, String field) {
        if (cells > maxSimilarityCells) {
            throw new WorkLimitExceededException("the rows of " + field + " make a similarity matrix of " + cells
                    + " cells, more than the limit of " + maxSimilarityCells + " (losses.limits.max-similarity-cells)");
        }
    }
}
