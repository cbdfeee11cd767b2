package dev.lossref.core.angular;

import dev.lossref.core.IntegerParameter;
import dev.lossref.core.RealParameter;

/**
 * A-Softmax of SphereFace (Liu, Wen, Yu, Li, Raj and Song, CVPR 2017): class weights normalised
 * (||W_j|| = 1, no bias), so the logits are ||x|| cos theta_j, and the target's is
 * ||x|| (lambda cos theta_y + psi(theta_y)) / (1 + lambda). With m = 1 and lambda = 0 it is the
 * "modified softmax" of the paper, whose decision boundary depends on angles only.
 */
public final class AngularSoftmax {

    public static final IntegerParameter MARGIN = MultiplicativeAngularMargin.MARGIN;
    public static final RealParameter LAMBDA = MultiplicativeAngularMargin.LAMBDA;

    private AngularSoftmax() {}

    public static MarginSoftmaxHead head(int margin, double lambda) {
        return new MarginSoftmaxHead(new MultiplicativeAngularMargin(margin, lambda), LogitScale.embeddingNorm());
    }
}
