package dev.lossref.core.angular;

import dev.lossref.core.FlagParameter;
import dev.lossref.core.RealParameter;


/**
 * ArcFace (Deng, Guo, Xue and Zafeiriou, CVPR 2019): embeddings and weights normalised, logits
 * s cos theta_j, and the target's s cos(theta_y + m): an additive margin on the angle itself.
 *
 * <p>cos(theta + m) = cos theta cos m - sin theta sin m, with sin theta = sqrt(1 - cos^2 theta).
 * Beyond theta + m > pi that stops decreasing in theta, so, as InsightFace until 2022 and
 * pytorch-metric-learning, where cos theta < cos(pi - m) the target is cos theta - m sin m
 * (discontinuous at theta = pi - m, a known property of that convention). With {@code easyMargin}
 * instead, the margin applies only where cos theta > 0 and the target is cos theta elsewhere. With
 * {@code detachMargin} the offset cos(theta + m) - cos theta is held constant in the backward pass
 * (InsightFace since 2022, OpenSphere), so dh/dcos = 1; otherwise the gradient is exact:
 * dh/dcos = cos m + cos theta sin m / sin theta, taken as cos m where sin theta = 0 (an embedding
 * exactly parallel or anti-parallel to its class weight, where the angle has no derivative), so that
 * it stays finite.
 */
public final class ArcFace implements TargetMargin {

    public static final RealParameter SCALE = RealParameter.positive("scale", 64);
    public static final RealParameter MARGIN = RealParameter.within("margin", 0.5, 0, Math.PI / 2);
    public static final FlagParameter EASY_MARGIN = new FlagParameter("easyMargin", false);
    public static final FlagParameter DETACH_MARGIN = new FlagParameter("detachMargin", false);

    private final double cosMargin;
    private final double sinMargin;
    private final double threshold;
    private final double fallbackOffset;
    private final boolean easyMargin;
    private final boolean detachMargin;

    ArcFace(double margin, boolean easyMargin, boolean detachMargin) {
        MARGIN.check(margin);
        this.cosMargin = Math.cos(margin);
        this.sinMargin = Math.sin(margin);
        this.threshold = Math.cos(Math.PI - margin);
        this.fallbackOffset = Math.sin(Math.PI - margin) * margin;
        this.easyMargin = easyMargin;
        this.detachMargin = detachMargin;
    }

    public static MarginSoftmaxHead head(double scale, double margin, boolean easyMargin, boolean detachMargin) {
        return new MarginSoftmaxHead(new ArcFace(margin, easyMargin, detachMargin), LogitScale.constant(SCALE.check(scale)));
    }

    @Override
    public double apply(double cosTheta) {
        if (easyMargin && cosTheta <= 0) {
            return cosTheta;
        }
        if (!easyMargin && cosTheta < threshold) {
            return cosTheta - fallbackOffset;
        }
        return cosTheta * cosMargin - sinTheta(cosTheta) * sinMargin;
    }

    @Override
    public double derivative(double cosTheta) {
        boolean marginApplies = easyMargin ? cosTheta > 0 : cosTheta >= threshold;
        if (detachMargin || !marginApplies) {
            return 1;
        }
        double sinTheta = sinTheta(cosTheta);
        return sinTheta == 0 ? cosMargin : cosMargin + cosTheta * sinMargin / sinTheta;
    }

    private static double sinTheta(double cosTheta) {
        return Math.sqrt(Math.max(0, (1 - cosTheta) * (1 + cosTheta)));
    }
}
