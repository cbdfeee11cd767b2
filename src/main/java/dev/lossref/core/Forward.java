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

    /**
     * Per-sample weights of the mean, or null for the plain mean: with weights, mean = sum_i w_i
     * perSample_i / meanDenominator (CTC's mean divides each sample by its target length), and the
     * backward pass gets each sample's coefficient through {@link #backward(double[])}.
     */
    default double[] meanWeights() {
        return null;
    }

    /**
     * For a loss whose mean is not a weighted mean of perSample, the terms whose plain sum is that mean,
     * with their backward pass; null for every other loss. Proxy-Anchor's mean divides its positive
     * parts by the proxies with samples and its negative parts by all proxies (Kim et al. 2020).
     */
    default Forward meanForm() {
        return null;
    }

    /** The gradient of sum_i coefficients_i perSample_i; only where {@link #meanWeights()} is not null. */
    default Gradients backward(double[] coefficients) {
        throw new IllegalStateException(
                "backward(coefficients) is only for a loss with meanWeights(); this one weighs every sample alike");
    }

    /** The shape of perSample when it is not a vector: the input's shape, for an elementwise loss. */
    default int[] perSampleShape() {
        return null;
    }

    /** The number of samples (rows) that batchmean divides by. */
    default double batchSize() {
        int[] shape = perSampleShape();
        return shape == null ? perSample().length : shape[0];
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

    /** Whether {@link #backward(double, Gradients)} gives second derivatives (losses on scores and logits). */
    default boolean hasHessians() {
        return false;
    }

    /**
     * The backward pass that also puts into {@code hessians}, in the same pass, the second derivatives
     * of {@code coefficient * sum_i perSample_i + penalty()}: for every model-side input the diagonal
     * d^2 / dx_k^2 with the shape of x, and for a linear model the blocks {@code weights} [d x d],
     * {@code bias} and {@code weightsBias} [d]. Only where {@link #hasHessians()}.
     */
    default Gradients backward(double coefficient, Gradients hessians) {
        throw new IllegalStateException(
                "backward(coefficient, hessians) is only for a loss whose hasHessians() is true");
    }

    /**
     * The Newton step -H^-1 g over the model's parameters, from the gradients and second derivatives
     * of {@link #backward(double, Gradients)}; only a linear model has one.
     */
    default Gradients newtonStep(Gradients gradients, Gradients hessians) {
        throw new IllegalStateException("newtonStep is only for a linear model, whose request checks this first");
    }

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

    /**
     * As {@link #of(double[], DoubleFunction)}, for a loss with second derivatives: one backward pass
     * that fills the hessians too when it is given somewhere to put them.
     */
    static Forward withHessians(double[] perSample, SecondOrderBackward backward) {
        return withHessians(perSample, null, backward);
    }

    /** As {@link #withHessians(double[], SecondOrderBackward)}, for per-element losses of an input of that shape. */
    static Forward withHessians(double[] perSample, int[] perSampleShape, SecondOrderBackward backward) {
        return new Forward() {
            @Override
            public double[] perSample() {
                return perSample;
            }

            @Override
            public int[] perSampleShape() {
                return perSampleShape;
            }

            @Override
            public Gradients backward(double coefficient) {
                return backward.apply(coefficient, null);
            }

            @Override
            public boolean hasHessians() {
                return true;
            }

            @Override
            public Gradients backward(double coefficient, Gradients hessians) {
                return backward.apply(coefficient, hessians);
            }
        };
    }

    /** A backward pass that also writes second derivatives into {@code hessians} unless it is null. */
    @FunctionalInterface
    interface SecondOrderBackward {
        Gradients apply(double coefficient, Gradients hessians);
    }

    /** Outputs besides the loss and its gradients, such as updated centers. */
    default Map<String, Tensor> extras() {
        return Map.of();
    }
}
