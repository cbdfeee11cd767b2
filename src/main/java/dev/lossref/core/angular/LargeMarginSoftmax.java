package dev.lossref.core.angular;

import dev.lossref.core.IntegerParameter;
import dev.lossref.core.RealParameter;

/**
 * L-Softmax (Liu, Wen, Yu and Yang, ICML 2016): the target logit ||W_y|| ||x|| cos theta_y becomes
 * ||W_y|| ||x|| (lambda cos theta_y + psi(theta_y)) / (1 + lambda), the other logits stay W_j . x.
 * With margin m = 1 and lambda = 0 it is plain softmax cross-entropy on the logits x W^T.
 */
public final class LargeMarginSoftmax {

    public static final IntegerParameter MARGIN = MultiplicativeAngularMargin.MARGIN;
    public static final RealParameter LAMBDA = MultiplicativeAngularMargin.LAMBDA;

    private LargeMarginSoftmax() {}

    public static MarginSoftmaxHead head(int margin, double lambda) {
        return new MarginSoftmaxHead(new MultiplicativeAngularMargin(margin, lambda), LogitScale.productOfNorms());
    }
}
