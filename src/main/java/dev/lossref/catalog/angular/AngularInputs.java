package dev.lossref.catalog.angular;

import dev.lossref.core.Forward;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.angular.MarginSoftmaxHead;

/**
 * The input modes of the angular-margin family (API.md 4.6): embeddings with class weights, or
 * (where the member allows it) the cosines themselves. Shared by the five members' requests.
 */
final class AngularInputs {

    private AngularInputs() {}

    static Forward forward(MarginSoftmaxHead head, Matrix embeddings, Matrix weights, Matrix cosines, int[] labels) {
        InputCheck check = new InputCheck().present(labels, "labels");
        if (cosines != null) {
            check.require(
                    embeddings == null, "embeddings", "send either embeddings with weights, or cosines, not both");
            check.require(weights == null, "weights", "send either embeddings with weights, or cosines, not both");
        } else {
            check.present(embeddings, "embeddings").present(weights, "weights");
        }
        check.throwIfFailed();
        return cosines != null ? head.onCosines(cosines, labels) : head.onEmbeddings(embeddings, weights, labels);
    }
}
