package dev.lossref.catalog.scores;

import dev.lossref.core.scores.AdaBoostStep;
import dev.lossref.core.InputCheck;

/**
 * The body of {@code POST /losses/exponential/boosting-step} (API.md 4.3).
 *
 * @param scores the current ensemble output f [N] (may be all zeros)
 * @param labels y [N], -1 or +1
 * @param weakPredictions the new weak classifier's outputs phi [N], -1 or +1
 */
public record BoostingStepRequest(double[] scores, int[] labels, int[] weakPredictions) {

    public AdaBoostStep.Result step() {
        new InputCheck().present(scores, "scores").present(labels, "labels").present(weakPredictions, "weakPredictions")
                .throwIfFailed();
        return AdaBoostStep.step(scores, labels, weakPredictions);
    }
}
