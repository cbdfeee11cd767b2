package dev.lossref.core;

/**
 * The forward pass of a loss on the outputs of a model with parameters of its own (the linear model of the
 * losses on scores): its value adds the model's penalty after the reduction, and its second derivatives give a
 * Newton step over the parameters.
 */
public interface ModelForward extends SecondOrderForward {

    /** The regularisation term added after the reduction, such as (l2 / 2) ||w||^2. */
    double penalty();

    /**
     * The Newton step -H^-1 g over the model's parameters, from the gradients and second derivatives of
     * {@link #backward(Coefficients, Gradients)}.
     */
    Gradients newtonStep(Gradients gradients, Gradients hessians);
}
