package dev.lossref.core.angular;

import dev.lossref.core.Hyperparameters;
import dev.lossref.core.InvalidInputException;

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

    /** The largest integer margin accepted (the papers use 1 to 4; the polynomial is exact far beyond). */
    public static final int MAX_MARGIN = 20;

    private final int m;
    private final double lambda;
    private final ChebyshevPolynomial cosOfMultipleAngle;

    public MultiplicativeAngularMargin(int m, double lambda) {
        if (m < 1 || m > MAX_MARGIN) {
            throw new InvalidInputException("margin", "must be an integer in [1, " + MAX_MARGIN + "], got " + m);
        }
        this.m = m;
        this.lambda = Hyperparameters.atLeast("lambda", lambda, 0);
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
