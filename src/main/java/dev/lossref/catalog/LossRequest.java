package dev.lossref.catalog;

import dev.lossref.core.Forward;
import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.Reduction;
import dev.lossref.core.WorkLimits;

/**
 * A parsed request for one loss. Each loss's request record implements it: it checks which inputs
 * were sent, fills in defaults and runs the core's forward pass.
 */
public interface LossRequest {

    /** The requested reduction, or null for the default (mean). */
    Reduction reduction();

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
    default ChoiceParameter<Reduction> reductions() {
        return CommonParameters.REDUCTION;
    }

    /** The requested reduction with its default, refused when the loss does not support it. */
    default Reduction effectiveReduction() {
        return reductions().valueOr(reduction());
    }

    default boolean wantsGradients() {
        return CommonParameters.GRADIENTS.valueOr(gradients());
    }
}
