package dev.lossref.catalog;

import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.FlagParameter;
import dev.lossref.core.Reduction;
import dev.lossref.core.ReductionMode;

/** The request fields every loss shares (docs/http-api.md 2), declared once for the requests and the catalog. */
public final class CommonParameters {

    /** mean or sum; a loss with more reductions declares its own {@link ChoiceParameter} of {@link Reduction}. */
    public static final ChoiceParameter<ReductionMode> REDUCTION =
            ChoiceParameter.of("reduction", ReductionMode.MEAN, ReductionMode.MEAN, ReductionMode.SUM);

    public static final FlagParameter GRADIENTS = new FlagParameter("gradients", true);
    /** Only the losses on scores and logits declare it (docs/http-api.md 6); elsewhere it is an unknown field. */
    public static final FlagParameter HESSIANS = new FlagParameter("hessians", false);
    /** Only the losses with a linear-model mode declare it (docs/http-api.md 6). */
    public static final FlagParameter NEWTON_STEP = new FlagParameter("newtonStep", false);

    private CommonParameters() {}

    public static Hyperparameter reduction() {
        return Hyperparameter.of(
                REDUCTION,
                "How perSample is reduced to value: its mean or its sum. PyTorch's \"none\" is not needed, since "
                        + "perSample is always returned.");
    }

    /** hessians: the second derivatives of value, for the losses that have them. */
    public static Hyperparameter hessians(String whatIsReturned) {
        return Hyperparameter.of(
                HESSIANS,
                "Whether to return hessians: " + whatIsReturned + " Needs gradients: true (a Newton or boosting step "
                        + "needs both). Where the loss has a kink or a join, the second derivative is PyTorch's double "
                        + "backward (see the conventions).");
    }

    public static Hyperparameter gradients() {
        return Hyperparameter.of(
                GRADIENTS,
                "Whether to compute and return the gradients of value with respect to every model-side input.");
    }
}
