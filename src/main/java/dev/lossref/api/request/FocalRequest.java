package dev.lossref.api.request;

import dev.lossref.api.json.ExplicitDouble;
import dev.lossref.core.classification.FocalLoss;
import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.core.Tensor;
import dev.lossref.service.LossRequest;

/**
 * The body of {@code POST /losses/focal} (API.md 4.8): binary (logits [N] or probabilities [N]) or
 * multi-class (logits [N x C]). {@code alpha} distinguishes absent (the default 0.25) from an
 * explicit null (no weighting), the one field where null means something.
 */
public record FocalRequest(
        Tensor logits,
        double[] probabilities,
        int[] labels,
        ExplicitDouble alpha,
        Double gamma,
        double[] classWeights,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        InputCheck check = new InputCheck().present(labels, "labels");
        if (logits == null && probabilities == null) {
            check.fail("logits", "send either logits or probabilities");
        } else if (logits != null && probabilities != null) {
            check.fail("probabilities", "send either logits or probabilities, not both");
        }
        check.throwIfFailed();
        FocalLoss loss = new FocalLoss(Inputs.orDefault(gamma, FocalLoss.DEFAULT_GAMMA));
        if (logits != null && logits.rank() == 2) {
            check.require(alpha == null, "alpha", "applies to the binary loss; in multi-class mode use classWeights");
            check.throwIfFailed();
            return loss.multiClass(new Matrix(logits.dimension(0), logits.dimension(1), logits.data()), labels,
                    classWeights);
        }
        check.require(classWeights == null, "classWeights", "applies to the multi-class loss; in binary mode use alpha");
        check.throwIfFailed();
        Double weight = alpha == null ? Double.valueOf(FocalLoss.DEFAULT_ALPHA) : alpha.value();
        return probabilities != null ? loss.binaryOnProbabilities(probabilities, labels, weight)
                : loss.binaryOnLogits(logits.data(), labels, weight);
    }
}
