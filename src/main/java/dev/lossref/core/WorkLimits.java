package dev.lossref.core;

/**
 * Bounds on the work one evaluation may create beyond its input, such as the number of triplets
 * mined from a batch (which grows as N^3).
 *
 * @param maxTriplets the most triplets a mining strategy may select
 */
public record WorkLimits(long maxTriplets) {

    /** About 100 MB of triplets and their losses. */
    public static final WorkLimits DEFAULT = new WorkLimits(4_000_000);

    public WorkLimits {
        if (maxTriplets < 1 || maxTriplets > Integer.MAX_VALUE / 3) {
            throw new IllegalArgumentException("maxTriplets must be in [1, " + Integer.MAX_VALUE / 3 + "], got " + maxTriplets);
        }
    }
}
