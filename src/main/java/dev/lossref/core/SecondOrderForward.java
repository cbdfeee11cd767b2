package dev.lossref.core;

/**
 * The forward pass of a loss with second derivatives (docs/http-api.md 6): its backward pass can also give the
 * diagonal of the Hessian of sum_i c_i perSample_i, in the same pass.
 */
public interface SecondOrderForward extends Forward {

    /**
     * The backward pass that also puts into {@code hessians}, unless it is null, the second derivatives of
     * sum_i c_i perSample_i: for every model-side input the diagonal d^2 / dx_k^2 with the shape of x, and
     * for a linear model the blocks {@code weights} [d x d], {@code bias} and {@code weightsBias} [d].
     */
    Gradients backward(Coefficients coefficients, Gradients hessians);

    @Override
    default Gradients backward(Coefficients coefficients) {
        return backward(coefficients, null);
    }

    /** A backward pass that also writes second derivatives into {@code hessians} unless it is null. */
    @FunctionalInterface
    interface Backward {
        Gradients apply(Coefficients coefficients, Gradients hessians);
    }
}
