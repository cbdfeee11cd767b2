package dev.lossref.core;

import java.util.Map;

/**
 * A loss evaluated on a batch: the reduced value, the per-sample losses, the gradients of the value
 * (null when they were not asked for), its second derivatives and the Newton step (null unless asked
 * for), and any extra outputs.
 */
public record Evaluation(
        double value,
        double[] perSample,
        int[] perSampleShape,
        Gradients gradients,
        Gradients hessians,
        Gradients newtonStep,
        Map<String, Tensor> extras) {

    /** perSample as a tensor: a vector, or the input's shape for an elementwise loss. */
    public Tensor perSampleTensor() {
        return perSampleShape == null ? Tensor.vector(perSample) : Tensor.of(perSampleShape, perSample);
    }

    /** Reduces a forward pass and, when {@code withGradients}, runs its backward pass. */
    public static Evaluation of(Forward forward, Reduction reduction, boolean withGradients) {
        return of(forward, reduction, withGradients, false, false);
    }

    /**
     * Reduces a forward pass and runs its backward pass as asked: gradients; gradients and second
     * derivatives in one pass; and the Newton step, which needs both.
     */
    public static Evaluation of(
            Forward forward, Reduction reduction, boolean withGradients, boolean withHessians, boolean withNewtonStep) {
        double[] perSample = forward.perSample();
        Forward meanForm = reduction == Reduction.MEAN ? forward.meanForm() : null;
        if (meanForm != null) {
            Evaluation mean = of(meanForm, Reduction.SUM, withGradients);
            return new Evaluation(
                    mean.value(), perSample, forward.perSampleShape(), mean.gradients(), null, null, forward.extras());
        }
        double denominator = switch (reduction) {
            case SUM -> 1;
            case MEAN -> forward.meanDenominator();
            case MEAN_NONZERO -> countPositive(perSample);
            case BATCHMEAN -> forward.batchSize();
        };
        double sum = 0;
        for (double loss : perSample) {
            sum += loss;
        }
        // An empty selection (no valid triplet, no positive loss) reduces to 0, not 0/0.
        double coefficient = denominator == 0 ? 0 : forward.scale() / denominator;
        double[] weights = reduction == Reduction.MEAN ? forward.meanWeights() : null;
        if (weights != null) {
            return weightedMean(forward, perSample, weights, coefficient, withGradients);
        }
        double value = coefficient * sum + forward.penalty();
        if (!Double.isFinite(value)) {
            throw new UnrepresentableResultException("value", "the reduced loss overflows float64");
        }
        if (!withHessians && !withNewtonStep) {
            Gradients gradients = withGradients ? forward.backward(coefficient) : null;
            return new Evaluation(value, perSample, forward.perSampleShape(), gradients, null, null, forward.extras());
        }
        Gradients hessians = new Gradients();
        Gradients gradients = forward.backward(coefficient, hessians);
        Gradients step = withNewtonStep ? forward.newtonStep(gradients, hessians) : null;
        return new Evaluation(
                value,
                perSample,
                forward.perSampleShape(),
                gradients,
                withHessians ? hessians : null,
                step,
                forward.extras());
    }

    /** The mean of a loss that weighs each sample (CTC: 1 / target length): per-sample coefficients. */
    private static Evaluation weightedMean(
            Forward forward, double[] perSample, double[] weights, double coefficient, boolean withGradients) {
        double[] coefficients = new double[perSample.length];
        double value = forward.penalty();
        for (int i = 0; i < perSample.length; i++) {
            coefficients[i] = coefficient * weights[i];
            value += coefficients[i] * perSample[i];
        }
        if (!Double.isFinite(value)) {
            throw new UnrepresentableResultException("value", "the reduced loss overflows float64");
        }
        Gradients gradients = withGradients ? forward.backward(coefficients) : null;
        return new Evaluation(value, perSample, forward.perSampleShape(), gradients, null, null, forward.extras());
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
