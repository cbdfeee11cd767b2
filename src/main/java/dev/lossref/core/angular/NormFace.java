package dev.lossref.core.angular;

import dev.lossref.core.RealParameter;

/**
 * NormFace (Wang, Xiang, Cheng and Yuille, ACM MM 2017): softmax cross-entropy on s cos theta_j, the
 * cosines between normalised embeddings and normalised class weights, scaled by s so that the
 * softmax can become confident. No margin: the target's transform is the identity.
 */
public final class NormFace implements TargetMargin {

    /** pytorch-metric-learning's NormalizedSoftmaxLoss temperature 0.05, i.e. s = 20. */
    public static final RealParameter SCALE = RealParameter.positive("scale", 20);

    private static final NormFace IDENTITY = new NormFace();

    private NormFace() {}

    public static MarginSoftmaxHead head(double scale) {
        return new MarginSoftmaxHead(IDENTITY, LogitScale.constant(SCALE.check(scale)));
    }

    @Override
    public double apply(double cosTheta) {
        return cosTheta;
    }

    @Override
    public double derivative(double cosTheta) {
        return 1;
    }
}
