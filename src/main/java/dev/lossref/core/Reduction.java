package dev.lossref.core;

/**
 * How one loss reduces its per-sample losses to a value, as a value: it computes the value and the
 * coefficient of each sample, which the backward pass takes ({@link Forward#backward(Coefficients)}), so
 * that a loss's forward pass never needs to know how it is reduced. As pytorch-metric-learning's reducers,
 * written for exact gradients: every reduction here is linear in the per-sample losses.
 *
 * <p>Almost every reduction is a weighted mean, value = scale * sum_i a_i l_i / D, with numerator weights
 * a_i (1 by default) and a denominator D that is 1 (sum), a count or sum of weights over the samples
 * (mean, mean-nonzero, PyTorch's class-weighted mean), or a number per row (batchmean); client sample
 * weights s_i multiply both a_i and the weights D counts. The exception is Proxy-Anchor's mean, whose two
 * parts have two divisors ({@link #splitMean}).
 */
public sealed interface Reduction permits WeightedMean, SplitMean {

    /**
     * The value and the coefficients for these per-sample losses.
     *
     * @param perSample the losses, row after row
     * @param rows the number of samples (rows) they belong to: {@code perSample.length}, or the first axis of
     *     an elementwise loss's [N x d] losses
     */
    Reduced reduce(double[] perSample, int rows);

    /** This reduction times a factor, such as the SVM's C: value = factor * reduce(perSample). */
    Reduction scaledBy(double factor);

    /**
     * This reduction with the client's weight s_r for each sample (row r): every loss of row r counts s_r
     * times, in the sum and in what the mean divides by; a mean whose weights sum to 0 is refused, naming
     * {@code field}.
     */
    Reduction withSampleWeights(double[] sampleWeights, String field);

    /** The plain mean over every entry of perSample (all N d elements of an elementwise loss, as PyTorch). */
    static Reduction mean() {
        return WeightedMean.MEAN;
    }

    /** The plain sum. */
    static Reduction sum() {
        return WeightedMean.SUM;
    }

    /** The mean over the entries above zero (pytorch-metric-learning's AvgNonZeroReducer); 0 when none is. */
    static Reduction meanOfPositive() {
        return WeightedMean.MEAN_OF_POSITIVE;
    }

    /** The sum over {@code perRow} times the number of rows: batchmean (1), PyTorch's KL mean over N C (C). */
    static Reduction perRow(double perRow) {
        return WeightedMean.perRow(perRow);
    }

    /**
     * PyTorch's weighted mean: sum_i l_i / sum_i m_i, each sample counting m_i in the denominator (the
     * weight of its class; 0 for an ignored sample), while its loss already holds that weight.
     */
    static Reduction weightedMean(double[] denominatorWeights) {
        return WeightedMean.weighted(denominatorWeights);
    }

    /** (1/N) sum_i a_i l_i: the mean of weighted losses, as CTC's mean of l_i / target length. */
    static Reduction meanOfWeighted(double[] numeratorWeights) {
        return WeightedMean.ofWeighted(numeratorWeights);
    }

    /**
     * The mean over groups of consecutive rows of each group's mean, (1/G) sum_g (1/n_g) sum_{i in g} l_i:
     * every group counts once, however many rows it has (queries, strata, images).
     */
    static Reduction meanOverGroups(int[] groupSizes) {
        return WeightedMean.overGroups(groupSizes);
    }

    /**
     * A mean whose samples have two parts with a divisor each, as Proxy-Anchor's (Kim et al. 2020;
     * pytorch-metric-learning's DivisorReducer): value = sum_c (first_c / p + second_c / q), a part with
     * divisor 0 counting 0. The coefficients are indexed by part: entries 0 .. C-1 are those of the first
     * parts, C .. 2C-1 those of the second.
     */
    static Reduction splitMean(double[] first, double firstDivisor, double[] second, double secondDivisor) {
        return new SplitMean(first, firstDivisor, second, secondDivisor, 1);
    }

    /** The reduction a mode names when the loss weighs its samples alike. */
    static Reduction of(ReductionMode mode) {
        return switch (mode) {
            case MEAN -> mean();
            case SUM -> sum();
            case MEAN_NONZERO -> meanOfPositive();
            case BATCHMEAN -> perRow(1);
        };
    }
}
