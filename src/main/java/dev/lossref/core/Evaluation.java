package dev.lossref.core;

import java.util.Map;

/**
 * A loss evaluated on a batch: the reduced value, the per-sample losses, and the gradients of the
 * value (null when they were not asked for).
 */
public record Evaluation(double value, double[] perSample, Gradients gradients, Map<String, Tensor> extras) {

    /** Reduces a forward pass and, when {@code withGradients}, runs its backward pass. */
    public static Evaluation of(Forward forward, Reduction reduction, boolean withGradients) {
        double[] perSample = forward.perSample();
        double denominator = switch (reduction) {
            case SUM -> 1;
            case MEAN -> forward.meanDenominator();
            case MEAN_NONZERO -> countPositive(perSample);
        };
        double sum = 0;
        for (double loss : perSample) {
            sum += loss;
        }
        // An empty selection (no valid triplet, no positive loss) reduces to 0, not 0/0.
        double coefficient = denominator == 0 ? 0 : forward.scale() / denominator;
        double value = coefficient * sum + forward.penalty();
        if (!Double.isFinite(value)) {
            throw new UnrepresentableResultException("value", "the reduced loss overflows float64");
        }
        Gradients gradients = withGradients ? forward.backward(coefficient) : null;
        return new Evaluation(value, perSample, gradients, forward.extras());
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
