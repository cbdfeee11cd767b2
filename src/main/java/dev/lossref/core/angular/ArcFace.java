package dev.lossref.core.angular;

import dev.lossref.core.FlagParameter;
import dev.lossref.core.RealParameter;

/**
 * ArcFace (Deng, Guo, Xue and Zafeiriou, CVPR 2019): the target logit is s h(cos theta_y) with
 * h(c) = cos(theta + m) = c cos m - sin theta sin m, sin theta = sqrt((1 - c)(1 + c)); other logits
 * s cos theta_j.
 *
 * <ul>
 *   <li>fallback where c < cos(pi - m): h = c - m sin m (InsightFace until 2022, pytorch-metric-learning);</li>
 *   <li>{@code easyMargin}: h = c where c <= 0, replacing the fallback;</li>
 *   <li>h'(c) = cos m + c sin m / sin theta, taken as cos m where sin theta = 0;</li>
 *   <li>{@code detachMargin}: h'(c) = 1, the offset h(c) - c held constant (InsightFace since 2022).</li>
 * </ul>
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
        return new MarginSoftmaxHead(
                new ArcFace(margin, easyMargin, detachMargin), LogitScale.constant(SCALE.check(scale)));
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
