package dev.lossref.api.request;

import dev.lossref.core.Forward;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Reduction;
import dev.lossref.core.classification.SoftmaxCrossEntropy;
import dev.lossref.service.LossRequest;

/** The body of {@code POST /losses/softmax-cross-entropy} (API.md 4.5). */
public record SoftmaxCrossEntropyRequest(
        Matrix logits,
        int[] labels,
        Matrix targets,
        double[] classWeights,
        Double labelSmoothing,
        Reduction reduction,
        Boolean gradients) implements LossRequest {

    @Override
    public Forward forward() {
        if (logits == null) {
            throw new InvalidInputException("logits", "is required");
        }
        Inputs.exactlyOne(labels, "labels", targets, "targets");
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(
                Inputs.orDefault(labelSmoothing, SoftmaxCrossEntropy.DEFAULT_LABEL_SMOOTHING), classWeights);
        return labels != null ? loss.withLabels(logits, labels) : loss.withTargets(logits, targets);
    }
}
