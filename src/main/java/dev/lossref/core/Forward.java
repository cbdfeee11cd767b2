package dev.lossref.core;

import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The forward pass of a loss on one batch. It holds what its backward pass needs, so that
 * probabilities, norms and distances are computed once.
 *
 * <p>The value of the loss is {@code scale() * reduce(perSample()) + penalty()}; since every
 * reduction is linear with one coefficient for all samples, the backward pass takes that coefficient.
 */
public interface Forward {

    /** The loss of each sample, before reduction. */
    double[] perSample();

    /**
     * What the mean divides by: the number of samples, or, for losses with class weights, the sum of
     * the weights of the samples' classes (PyTorch's weighted mean).
     */
    default double meanDenominator() {
        return perSample().length;
    }

    /** A factor applied to the reduced data term, such as the SVM's C. */
    default double scale() {
        return 1;
    }

    /** A regularisation term added after the reduction, such as (l2 / 2) ||w||^2. */
    default double penalty() {
        return 0;
    }

    /**
     * The gradient of {@code coefficient * sum_i perSample_i + penalty()} with respect to every
     * model-side input, with the shape of that input. It runs at most once: implementations may
     * reuse the forward pass's buffers for the gradient.
     */
    Gradients backward(double coefficient);

    /**
     * A forward pass with the plain mean, no scale, no penalty and no extra outputs: the per-sample
     * losses and the backward pass, as a function of the reduction's coefficient.
     */
    static Forward of(double[] perSample, DoubleFunction<Gradients> backward) {
        return of(perSample, backward, Map.of());
    }

    /** As {@link #of(double[], DoubleFunction)}, with outputs besides the loss (updated centers, mined triplets). */
    static Forward of(double[] perSample, DoubleFunction<Gradients> backward, Map<String, Tensor> extras) {
        return new Forward() {
            @Override
            public double[] perSample() {
                return perSample;
            }

            @Override
            public Gradients backward(double coefficient) {
                return backward.apply(coefficient);
            }

            @Override
            public Map<String, Tensor> extras() {
                return extras;
            }
        };
    }

    /** Outputs besides the loss and its gradients, such as updated centers. */
    default Map<String, Tensor> extras() {
        return Map.of();
    }
}
