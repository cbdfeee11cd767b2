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

    /**
     * Reduces a forward pass as the mode means for its loss and, when {@code withGradients}, runs its backward pass.
     */
    public static Evaluation of(Forward forward, ReductionMode mode, boolean withGradients) {
        return of(forward, forward.reduction(mode), withGradients, false, false);
    }

    /** As {@link #of(Forward, Reduction, boolean, boolean, boolean)}, reduced as the mode means for its loss. */
    public static Evaluation of(
            Forward forward, ReductionMode mode, boolean withGradients, boolean withHessians, boolean withNewtonStep) {
        return of(forward, forward.reduction(mode), withGradients, withHessians, withNewtonStep);
    }

    /**
     * Reduces a forward pass and runs its backward pass as asked: gradients; gradients and second
     * derivatives in one pass (a {@link SecondOrderForward}); and the Newton step, which needs both (a
     * {@link ModelForward}). The value is the reduction's, plus the model's penalty.
     */
    public static Evaluation of(
            Forward forward, Reduction reduction, boolean withGradients, boolean withHessians, boolean withNewtonStep) {
        double[] perSample = forward.perSample();
        int[] shape = forward.perSampleShape();
        Reduced reduced = reduction.reduce(perSample, shape == null ? perSample.length : shape[0]);
        double penalty = forward instanceof ModelForward model ? model.penalty() : 0;
        double value = reduced.value() + penalty;
        if (!Double.isFinite(value)) {
            throw new UnrepresentableResultException("value", "the reduced loss overflows float64");
        }
        Coefficients coefficients = reduced.coefficients();
        if (!withHessians && !withNewtonStep) {
            Gradients gradients = withGradients ? forward.backward(coefficients) : null;
            return new Evaluation(value, perSample, shape, gradients, null, null, forward.extras());
        }
        if (!(forward instanceof SecondOrderForward secondOrder)) {
            throw new IllegalArgumentException("second derivatives need a SecondOrderForward");
        }
        Gradients hessians = new Gradients();
        Gradients gradients = secondOrder.backward(coefficients, hessians);
        Gradients step = null;
        if (withNewtonStep) {
            if (!(forward instanceof ModelForward model)) {
                throw new IllegalArgumentException("a Newton step needs a ModelForward");
            }
            step = model.newtonStep(gradients, hessians);
        }
        return new Evaluation(
                value, perSample, shape, gradients, withHessians ? hessians : null, step, forward.extras());
    }
}
