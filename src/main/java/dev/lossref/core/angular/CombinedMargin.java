package dev.lossref.core.angular;

import dev.lossref.core.FlagParameter;
import dev.lossref.core.RealParameter;

/**
 * InsightFace's combined margin (Deng et al., CVPR 2019, section 3.3; arcface_mxnet's margin_softmax):
 * the target logit is s h(cos theta_y) with h(c) = cos(m1 theta + m2) - m3, theta = arccos c in [0, pi];
 * other logits s cos theta_j. (m1, m2, m3) = (m, 0, 0) is SphereFace's multiplicative margin without its
 * monotone psi, (1, m, 0) ArcFace, (1, 0, m) CosFace. No fallback beyond pi: where
 * m1 theta + m2 > pi the target is the plain cosine of that angle, as InsightFace does today.
 *
 * <p>h'(c) = m1 sin(m1 theta + m2) / sin theta. At c = +-1 (sin theta = 0) it is unbounded unless
 * sin(m2) = 0; there the part that stays bounded is taken, m1 sin(m1 theta) cos(m2) / sin theta, whose
 * limits are m1^2 cos m2 at theta = 0 and -m1^2 cos(m1 pi) cos m2 at theta = pi (ArcFace's cos m for
 * m1 = 1). {@code detachMargin}: h'(c) = 1, the offset h(c) - c held constant (arcface_torch since 2022).
 */
public final class CombinedMargin implements TargetMargin {

    public static final RealParameter SCALE = RealParameter.positive("scale", 64);
    /**
     * At most 20, the bound of L-Softmax's and SphereFace's integer margin: m1 theta is then at most 20 pi and
     * its cosine is a function of the angle, where an m1 of 1e308 makes m1 theta infinite and h undefined.
     */
    public static final RealParameter M1 =
            RealParameter.positiveAtMost("m1", 1.0, MultiplicativeAngularMargin.MARGIN.maximum());

    public static final RealParameter M2 = RealParameter.within("m2", 0.5, 0, Math.PI / 2);
    public static final RealParameter M3 = RealParameter.within("m3", 0.0, 0, 2);
    public static final FlagParameter DETACH_MARGIN = new FlagParameter("detachMargin", false);

    private final double m1;
    private final double m2;
    private final double m3;
    private final boolean detachMargin;

    CombinedMargin(double m1, double m2, double m3, boolean detachMargin) {
        this.m1 = M1.check(m1);
        this.m2 = M2.check(m2);
        this.m3 = M3.check(m3);
        this.detachMargin = detachMargin;
    }

    public static MarginSoftmaxHead head(double scale, double m1, double m2, double m3, boolean detachMargin) {
        return new MarginSoftmaxHead(
                new CombinedMargin(m1, m2, m3, detachMargin), LogitScale.constant(SCALE.check(scale)));
    }

    @Override
    public double apply(double cosTheta) {
        return Math.cos(m1 * Math.acos(cosTheta) + m2) - m3;
    }

    @Override
    public double derivative(double cosTheta) {
        if (detachMargin) {
            return 1;
        }
        double theta = Math.acos(cosTheta);
        double sinTheta = Math.sqrt(Math.max(0, (1 - cosTheta) * (1 + cosTheta)));
        if (sinTheta == 0) {
            return cosTheta > 0 ? m1 * m1 * Math.cos(m2) : -m1 * m1 * Math.cos(m1 * Math.PI) * Math.cos(m2);
        }
        return m1 * Math.sin(m1 * theta + m2) / sinTheta;
    }
}
