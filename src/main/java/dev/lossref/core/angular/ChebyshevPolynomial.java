package dev.lossref.core.angular;

/**
 * The Chebyshev polynomial of the first kind T_m, with cos(m theta) = T_m(cos theta): the
 * multiple-angle formula that L-Softmax and A-Softmax use to get cos(m theta) from cos theta
 * without an arccos. The coefficients are generated for any m by the recurrence
 * T_0 = 1, T_1 = x, T_{n+1} = 2x T_n - T_{n-1} (so T_4 = 8x^4 - 8x^2 + 1, as in the papers).
 */
public final class ChebyshevPolynomial {

    /** Beyond this degree the integer coefficients no longer fit a double exactly. */
    public static final int MAX_DEGREE = 30;

    private final double[] coefficients;
    private final double[] derivativeCoefficients;

    private ChebyshevPolynomial(double[] coefficients) {
        this.coefficients = coefficients;
        this.derivativeCoefficients = new double[Math.max(coefficients.length - 1, 1)];
        for (int power = 1; power < coefficients.length; power++) {
            derivativeCoefficients[power - 1] = power * coefficients[power];
        }
    }

    /** T_m for 0 <= m <= {@link #MAX_DEGREE}. */
    public static ChebyshevPolynomial ofDegree(int m) {
        if (m < 0 || m > MAX_DEGREE) {
            throw new IllegalArgumentException("degree must be in [0, " + MAX_DEGREE + "], got " + m);
        }
        long[] previous = {1};
        long[] current = {0, 1};
        if (m == 0) {
            return new ChebyshevPolynomial(toDouble(previous));
        }
        for (int n = 1; n < m; n++) {
            long[] next = new long[n + 2];
            for (int power = 0; power < current.length; power++) {
                next[power + 1] += 2 * current[power];
            }
            for (int power = 0; power < previous.length; power++) {
                next[power] -= previous[power];
            }
            previous = current;
            current = next;
        }
        return new ChebyshevPolynomial(toDouble(current));
    }

    /** The coefficient of x^power, lowest power first. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** T_m(x) by Horner's rule. */
    public double value(double x) {
        return horner(coefficients, x);
    }

    /** T_m'(x) = m U_{m-1}(x), by Horner's rule on the differentiated coefficients. */
    public double derivative(double x) {
        return horner(derivativeCoefficients, x);
    }

    private static double horner(double[] c, double x) {
        double sum = 0;
        for (int power = c.length - 1; power >= 0; power--) {
            sum = sum * x + c[power];
        }
        return sum;
    }

    private static double[] toDouble(long[] values) {
        double[] out = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = values[k];
        }
        return out;
    }
}
