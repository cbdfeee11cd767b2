package dev.lossref.catalog;

import dev.lossref.core.Forward;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Reduction;
import dev.lossref.core.WorkLimits;
import java.util.EnumSet;
import java.util.Set;

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

    /** The reductions this loss accepts. */
    default Set<Reduction> supportedReductions() {
        return EnumSet.of(Reduction.MEAN, Reduction.SUM);
    }

    /** The requested reduction with its default, refused when the loss does not support it. */
    default Reduction effectiveReduction() {
        Reduction reduction = reduction() == null ? Reduction.MEAN : reduction();
        if (!supportedReductions().contains(reduction)) {
            throw new InvalidInputException("reduction", "\"" + reduction.wireName() + "\" is not supported by this loss");
        }
        return reduction;
    }

    default boolean wantsGradients() {
        return gradients() == null || gradients();
    }
}
