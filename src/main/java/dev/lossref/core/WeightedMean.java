package dev.lossref.core;

import dev.lossref.core.kernels.Numerics;

/**
 * value = scale * sum_i a_i l_i / D, the reductions that are one weighted mean (see {@link Reduction}).
 *
 * <p>The arithmetic is fixed, because answers are compared bit for bit: the coefficient c = scale / D is
 * formed once; without numerator weights value = c * sum_i l_i (summed in order), with them c_i = c a_i and
 * value = sum_i c_i l_i. A denominator of 0 is an empty selection (value 0, coefficients 0: no valid triplet,
 * no positive loss) unless the reduction names a field to refuse it.
 *
 * @param scale the factor on the reduced value
 * @param numeratorWeights a_i for every entry, or null for all 1
 * @param denominator what D is
 * @param denominatorWeights m_i for every entry, which an {@link Denominator#ENTRIES} or
 *     {@link Denominator#POSITIVE_ENTRIES} denominator sums (null: each counts 1)
 * @param perRow D per row, for {@link Denominator#ROWS}; D itself for {@link Denominator#FIXED}
 * @param groupSizes the rows of each group, for {@link Reduction#meanOverGroups}, or null
 * @param sampleWeights s_r for every row, or null for all 1
 * @param zeroField the field to name when D is 0 (a mean of weights that sum to 0), or null for an empty
 *     selection
 */
record WeightedMean(
        double scale,
        double[] numeratorWeights,
        Denominator denominator,
        double[] denominatorWeights,
        double perRow,
        int[] groupSizes,
        double[] sampleWeights,
        String zeroField)
        implements Reduction {

    /** What the mean divides by. */
    enum Denominator {
        /** 1: a sum. */
        ONE,
        /** sum_i m_i over every entry (their number, without weights). */
        ENTRIES,
        /** sum_i m_i over the entries above zero. */
        POSITIVE_ENTRIES,
        /** perRow times the number of rows (times the sum of the sample weights, with them). */
        ROWS,
        /** A number of the reduction's own, such as the number of groups. */
        FIXED
    }

    static final WeightedMean MEAN = new WeightedMean(1, null, Denominator.ENTRIES, null, 0, null, null, null);
    static final WeightedMean SUM = new WeightedMean(1, null, Denominator.ONE, null, 0, null, null, null);
    static final WeightedMean MEAN_OF_POSITIVE =
            new WeightedMean(1, null, Denominator.POSITIVE_ENTRIES, null, 0, null, null, null);

    static WeightedMean perRow(double perRow) {
        return new WeightedMean(1, null, Denominator.ROWS, null, perRow, null, null, null);
    }

    static WeightedMean weighted(double[] denominatorWeights) {
        return new WeightedMean(1, null, Denominator.ENTRIES, denominatorWeights, 0, null, null, null);
    }

    static WeightedMean ofWeighted(double[] numeratorWeights) {
        return new WeightedMean(1, numeratorWeights, Denominator.ENTRIES, null, 0, null, null, null);
    }

    static WeightedMean overGroups(int[] groupSizes) {
        return new WeightedMean(1, null, Denominator.FIXED, null, groupSizes.length, groupSizes, null, null);
    }

    @Override
    public Reduction scaledBy(double factor) {
        return new WeightedMean(
                scale * factor,
                numeratorWeights,
                denominator,
                denominatorWeights,
                perRow,
                groupSizes,
                sampleWeights,
                zeroField);
    }

    @Override
    public Reduction withSampleWeights(double[] weights, String field) {
        new InputCheck().allWithin(weights, 0, Double.MAX_VALUE, field).throwIfFailed();
        return new WeightedMean(
                scale, numeratorWeights, denominator, denominatorWeights, perRow, groupSizes, weights, field);
    }

    @Override
    public Reduced reduce(double[] perSample, int rows) {
        if (sampleWeights != null && sampleWeights.length != rows) {
            throw new InvalidInputException(
                    zeroField, "has " + sampleWeights.length + " entries but the batch has " + rows + " samples");
        }
        int entries = perSample.length;
        int perRowEntries = rows == 0 ? 0 : entries / rows;
        double[] a = numeratorWeights(entries, rows, perRowEntries);
        double d = denominator(perSample, rows, perRowEntries);
        if (d == 0 && zeroField != null) {
            throw new InvalidInputException(
                    zeroField,
                    "weighs every sample the mean counts by 0, so the mean is undefined (reduction sum is defined)");
        }
        double coefficient = d == 0 ? 0 : scale / d;
        if (a == null) {
            return new Reduced(coefficient * Numerics.sum(perSample), Coefficients.uniform(coefficient));
        }
        double value = 0;
        for (int i = 0; i < entries; i++) {
            value += coefficient * a[i] * perSample[i];
        }
        return new Reduced(value, Coefficients.of(coefficient, a));
    }

    /** a_i with the sample weights and the groups folded in, or null when every a_i is 1. */
    private double[] numeratorWeights(int entries, int rows, int perRowEntries) {
        if (numeratorWeights == null && sampleWeights == null && groupSizes == null) {
            return null;
        }
        double[] a = new double[entries];
        for (int i = 0; i < entries; i++) {
            a[i] = numeratorWeights == null ? 1 : numeratorWeights[i];
        }
        if (groupSizes != null) {
            int row = 0;
            for (int size : groupSizes) {
                for (int end = row + size; row < end; row++) {
                    for (int k = row * perRowEntries; k < (row + 1) * perRowEntries; k++) {
                        a[k] /= (double) size * perRowEntries;
                    }
                }
            }
        }
        if (sampleWeights != null) {
            for (int i = 0; i < entries; i++) {
                a[i] *= sampleWeights[i / perRowEntries];
            }
        }
        return a;
    }

    private double denominator(double[] perSample, int rows, int perRowEntries) {
        return switch (denominator) {
            case ONE -> 1;
            case FIXED -> perRow;
            case ROWS -> perRow * (sampleWeights == null ? rows : Numerics.sum(sampleWeights));
            case ENTRIES, POSITIVE_ENTRIES -> {
                boolean positiveOnly = denominator == Denominator.POSITIVE_ENTRIES;
                if (denominatorWeights == null && sampleWeights == null) {
                    yield positiveOnly ? countPositive(perSample) : perSample.length;
                }
                double total = 0;
                for (int i = 0; i < perSample.length; i++) {
                    if (!positiveOnly || perSample[i] > 0) {
                        total += (denominatorWeights == null ? 1 : denominatorWeights[i])
                                * (sampleWeights == null ? 1 : sampleWeights[i / perRowEntries]);
                    }
                }
                yield total;
            }
        };
    }

    private static int countPositive(double[] values) {
        int count = 0;
        for (double v : values) {
            if (v > 0) {
                count++;
            }
        }
        return count;
    }
}
