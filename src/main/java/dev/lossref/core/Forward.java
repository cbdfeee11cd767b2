package dev.lossref.core;

import java.util.Map;
import java.util.function.Function;

/**
 * The forward pass of a loss on one batch: the per-sample losses, and a backward pass that takes one
 * coefficient per sample. It holds what its backward pass needs, so that probabilities, norms and distances
 * are computed once. How the losses are reduced is a {@link Reduction} value, which gives the value and the
 * coefficients; a loss says only what its mean is when it is not the plain mean ({@link #reduction}).
 */
public interface Forward {

    /** The loss of each sample, before reduction. */
    double[] perSample();

    /** The shape of perSample when it is not a vector: the input's shape, for an elementwise loss. */
    default int[] perSampleShape() {
        return null;
    }

    /**
     * The reduction a client's mode means for this loss. The plain ones by default; a loss overrides it where
     * its mean weighs samples (PyTorch's class-weighted mean, CTC's mean over target lengths), has parts with
     * their own divisors (Proxy-Anchor), or its value is scaled (the SVM's C).
     */
    default Reduction reduction(ReductionMode mode) {
        return Reduction.of(mode);
    }

    /**
     * The gradient of sum_i c_i perSample_i with respect to every model-side input, with the shape of that
     * input (and, for a model, its penalty's gradient). It runs at most once: implementations may reuse the
     * forward pass's buffers for the gradient.
     */
    Gradients backward(Coefficients coefficients);

    /** Outputs besides the loss and its gradients, such as updated centers. */
    default Map<String, Tensor> extras() {
        return Map.of();
    }

    /** A forward pass with the plain reductions and no extra outputs. */
    static Forward of(double[] perSample, Function<Coefficients, Gradients> backward) {
        return of(perSample, backward, Map.of());
    }

    /** As {@link #of(double[], Function)}, with outputs besides the loss (updated centers, mined triplets). */
    static Forward of(double[] perSample, Function<Coefficients, Gradients> backward, Map<String, Tensor> extras) {
        return new Forward() {
            @Override
            public double[] perSample() {
                return perSample;
            }

            @Override
            public Gradients backward(Coefficients coefficients) {
                return backward.apply(coefficients);
            }

            @Override
            public Map<String, Tensor> extras() {
                return extras;
            }
        };
    }

    /**
     * As {@link #of(double[], Function)}, for a loss with second derivatives: one backward pass that fills
     * the hessians too when it is given somewhere to put them.
     */
    static SecondOrderForward withHessians(double[] perSample, SecondOrderForward.Backward backward) {
        return withHessians(perSample, null, backward);
    }

    /** As {@link #withHessians(double[], SecondOrderForward.Backward)}, for per-element losses of that shape. */
    static SecondOrderForward withHessians(
            double[] perSample, int[] perSampleShape, SecondOrderForward.Backward backward) {
        return new SecondOrderForward() {
            @Override
            public double[] perSample() {
                return perSample;
            }

            @Override
            public int[] perSampleShape() {
                return perSampleShape;
            }

            @Override
            public Gradients backward(Coefficients coefficients, Gradients hessians) {
                return backward.apply(coefficients, hessians);
            }
        };
    }
}
