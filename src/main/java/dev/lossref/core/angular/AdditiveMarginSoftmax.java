package dev.lossref.core.angular;

import dev.lossref.core.RealParameter;

/**
 * AM-Softmax / CosFace (Wang, Cheng, Liu and Liu, IEEE SPL 2018; Wang et al., CVPR 2018): embeddings
 * and weights normalised, logits s cos theta_j, and the target's s (cos theta_y - m): a margin
 * subtracted from the cosine. With m = 0 it is NormFace.
 */
public final class AdditiveMarginSoftmax implements TargetMargin {

    public static final RealParameter SCALE = RealParameter.positive("scale", 30);
    public static final RealParameter MARGIN = RealParameter.within("margin", 0.35, 0, 2);

    private final double margin;

    private AdditiveMarginSoftmax(double margin) {
        this.margin = MARGIN.check(margin);
    }

    public static MarginSoftmaxHead head(double scale, double margin) {
        return new MarginSoftmaxHead(new AdditiveMarginSoftmax(margin), LogitScale.constant(SCALE.check(scale)));
    }

    @Override
    public double apply(double cosTheta) {
        return cosTheta - margin;
    }

    @Override
    public double derivative(double cosTheta) {
        return 1;
    }
}
