package dev.lossref.catalog;

import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.Forward;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Reduction;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimits;

/**
 * A parsed request for one loss. Each loss's request record implements it: it checks which inputs
 * were sent, fills in defaults and runs the core's forward pass.
 */
public interface LossRequest {

    /** The requested reduction, or null for the default (mean). */
    ReductionMode reduction();

    /** Whether gradients are wanted, or null for the default (true). */
    Boolean gradients();

    /** Validates the inputs and runs the forward pass of the loss. */
    Forward forward();

    /**
     * The forward pass within the service's work limits; losses whose work can outgrow their input
     * (triplet mining) override it.
     */
    default Forward forward(WorkLimits limits) {
        return forward();
    }

    /** The reductions this loss accepts and its default; the catalog documents the same declaration. */
    default ChoiceParameter<ReductionMode> reductions() {
        return CommonParameters.REDUCTION;
    }

    /** The requested reduction mode with its default, refused when the loss does not support it. */
    default ReductionMode reductionMode() {
        return reductions().valueOr(reduction());
    }

    /**
     * The client's weight of each sample, or null; the losses that accept them declare a {@code sampleWeights}
     * field, whose record accessor overrides this.
     */
    default double[] sampleWeights() {
        return null;
    }

    /**
     * How this request's per-sample losses are reduced: the loss's reduction for the requested mode, with the
     * sample weights when they were sent.
     */
    default Reduction reduction(Forward forward) {
        Reduction reduction = forward.reduction(reductionMode());
        double[] weights = sampleWeights();
        return weights == null ? reduction : reduction.withSampleWeights(weights, "sampleWeights");
    }

    default boolean wantsGradients() {
        return CommonParameters.GRADIENTS.valueOr(gradients());
    }

    /**
     * Whether second derivatives were asked for; the losses that have them declare a {@code hessians}
     * field, whose record accessor overrides this.
     */
    default Boolean hessians() {
        return null;
    }

    /** Whether a Newton step was asked for; declared by the losses with a linear-model mode. */
    default Boolean newtonStep() {
        return null;
    }

    /** hessians with its default; with gradients: false it is refused (400 naming it). */
    default boolean wantsHessians() {
        return requireGradients(CommonParameters.HESSIANS.valueOr(hessians()), "hessians");
    }

    /** newtonStep with its default; with gradients: false it is refused (400 naming it). */
    default boolean wantsNewtonStep() {
        return requireGradients(CommonParameters.NEWTON_STEP.valueOr(newtonStep()), "newtonStep");
    }

    private boolean requireGradients(boolean wanted, String field) {
        if (wanted && !wantsGradients()) {
            throw new InvalidInputException(field, "needs gradients: true (a Newton or boosting step needs both)");
        }
        return wanted;
    }
}
