package dev.lossref.core.angular;

import dev.lossref.core.IntegerParameter;
import dev.lossref.core.RealParameter;

/**
 * The multiplicative angular margin of L-Softmax and A-Softmax: the target's angle theta is
 * replaced by m theta through
 * psi(theta) = (-1)^k cos(m theta) - 2k for theta in [k pi/m, (k+1) pi/m], k = min(floor(m theta / pi), m - 1),
 * which extends cos(m theta) to a monotonically decreasing function on [0, pi]; blended with the
 * plain cosine as h = (lambda cos theta + psi(theta)) / (1 + lambda) (the annealing of the
 * SphereFace code). cos(m theta) = T_m(cos theta) (Chebyshev); k is piecewise constant, so it has no
 * gradient: dh/dcos = (lambda + (-1)^k T_m'(cos theta)) / (1 + lambda).
 */
public final class MultiplicativeAngularMargin implements TargetMargin {

    private final int m;
    private final double lambda;
    private final ChebyshevPolynomial cosOfMultipleAngle;

    /** The blend lambda, 0 (the full margin) by default in both losses. */
    public static final RealParameter LAMBDA = RealParameter.atLeast("lambda", 0, 0);

    /**
     * The integer margin m, 4 in both papers; at most 20 (the papers use 1 to 4; the polynomial is
     * exact far beyond).
     */
    public static final IntegerParameter MARGIN = new IntegerParameter("margin", 4, 1, 20);

    public MultiplicativeAngularMargin(int m, double lambda) {
        this.m = MARGIN.check(m);
        this.lambda = LAMBDA.check(lambda);
        this.cosOfMultipleAngle = ChebyshevPolynomial.ofDegree(m);
    }

    /** psi(theta) from cos theta. */
    public double psi(double cosTheta) {
        int k = k(cosTheta);
        return sign(k) * cosOfMultipleAngle.value(cosTheta) - 2 * k;
    }

    @Override
    public double apply(double cosTheta) {
        return (lambda * cosTheta + psi(cosTheta)) / (1 + lambda);
    }

    @Override
    public double derivative(double cosTheta) {
        return (lambda + sign(k(cosTheta)) * cosOfMultipleAngle.derivative(cosTheta)) / (1 + lambda);
    }

    /** The segment [k pi/m, (k+1) pi/m] that theta falls in. */
    int k(double cosTheta) {
        double theta = Math.acos(cosTheta);
        return Math.min((int) Math.floor(m * theta / Math.PI), m - 1);
    }

    private static int sign(int k) {
        return (k & 1) == 0 ? 1 : -1;
    }
}
