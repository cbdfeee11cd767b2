package dev.lossref.catalog;

import java.util.List;

/** The request fields every loss shares (API.md section 2). */
public final class CommonParameters {

    private CommonParameters() {
    }

    public static Hyperparameter reduction() {
        return Hyperparameter.choice("reduction", "mean", List.of("mean", "sum"),
                "How perSample is reduced to value: its mean or its sum. PyTorch's \"none\" is not needed, since "
                        + "perSample is always returned.");
    }

    public static Hyperparameter gradients() {
        return Hyperparameter.bool("gradients", true,
                "Whether to compute and return the gradients of value with respect to every model-side input.");
    }
}
