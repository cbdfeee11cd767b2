package dev.lossref.catalog.angular;

import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.angular.MarginSoftmaxHead;

/**
 * The input modes of the angular-margin family: embeddings with class weights, or
 * (where the member allows it) the cosines themselves. Shared by the five members' requests.
 */
final class AngularInputs {

    private AngularInputs() {}

    /** The head on the cosines where they were sent, else on the embeddings and class weights. */
    static Forward forward(MarginSoftmaxHead head, Matrix embeddings, Matrix weights, Matrix cosines, int[] labels) {
        return cosines != null ? head.onCosines(cosines, labels) : head.onEmbeddings(embeddings, weights, labels);
    }
}
