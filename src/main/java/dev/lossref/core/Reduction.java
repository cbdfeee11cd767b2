package dev.lossref.core;

/** How the per-sample losses are reduced to one value. */
public enum Reduction implements WireName {
    /** The mean over samples (a weighted mean where the loss defines sample weights). */
    MEAN("mean"),
    /** The plain sum over samples. */
    SUM("sum"),
    /** The mean over the samples whose loss is above zero, and 0 when there are none. */
    MEAN_NONZERO("mean-nonzero"),
    /** The sum divided by the number of samples (rows), as PyTorch's kl_div "batchmean". */
    BATCHMEAN("batchmean");

    private final String wireName;

    Reduction(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in requests and responses, as in PyTorch's {@code reduction} argument. */
    @Override
    public String wireName() {
        return wireName;
    }
}
