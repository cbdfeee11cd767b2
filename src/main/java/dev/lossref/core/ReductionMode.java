package dev.lossref.core;

/**
 * How a client asks for the per-sample losses to be reduced to one value: the wire names of PyTorch's
 * {@code reduction} argument. Each loss turns the mode into its own {@link Reduction} value
 * ({@link Forward#reduction}): PyTorch's class-weighted mean, CTC's length-normalised mean and
 * Proxy-Anchor's split mean are all "mean".
 */
public enum ReductionMode implements WireName {
    /** The mean over samples, as the loss defines it (a weighted mean where the loss weighs its samples). */
    MEAN("mean"),
    /** The plain sum over samples. */
    SUM("sum"),
    /** The mean over the samples whose loss is above zero, and 0 when there are none. */
    MEAN_NONZERO("mean-nonzero"),
    /** The sum divided by the number of samples (rows), as PyTorch's kl_div "batchmean". */
    BATCHMEAN("batchmean");

    private final String wireName;

    ReductionMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in requests and responses, as in PyTorch's {@code reduction} argument. */
    @Override
    public String wireName() {
        return wireName;
    }
}
