package dev.lossref.catalog;

import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.FlagParameter;
import dev.lossref.core.Reduction;

/** The request fields every loss shares (API.md section 2), declared once for the requests and the catalog. */
public final class CommonParameters {

    /** mean or sum; a loss with more reductions declares its own {@link ChoiceParameter} of {@link Reduction}. */
    public static final ChoiceParameter<Reduction> REDUCTION = ChoiceParameter.of("reduction", Reduction.MEAN,
            Reduction.MEAN, Reduction.SUM);
    public static final FlagParameter GRADIENTS = new FlagParameter("gradients", true);

    private CommonParameters() {
    }

    public static Hyperparameter reduction() {
        return Hyperparameter.of(REDUCTION, "How perSample is reduced to value: its mean or its sum. PyTorch's \"none\" "
                + "is not needed, since perSample is always returned.");
    }

    public static Hyperparameter gradients() {
        return Hyperparameter.of(GRADIENTS,
                "Whether to compute and return the gradients of value with respect to every model-side input.");
    }
}
