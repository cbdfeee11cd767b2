package dev.lossref.core.kernels;

/** Numerically stable primitives shared by every loss. */
public final class Numerics {

    private Numerics() {}

    /**
     * log(1 + exp(x)), the softplus, accurate to float64 for every finite x: written as
     * {@code max(x, 0) + log1p(exp(-|x|))}, exp never overflows, and for very negative x the result
     * keeps the tiny value exp(x) that {@code log(1 + exp(x))} would round to 0.
     */
    public static double softplus(double x) {
        return Math.max(x, 0) + log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * log(1 + x) for x >= 0, accurate to a few ulps, by Kahan's correction of the rounded argument:
     * with u = 1 + x rounded, log(u) x / (u - 1) cancels the rounding error of u. It uses the JIT's
     * intrinsic {@code Math.log}; {@code Math.log1p} is several times slower and sits in every
     * softplus of a million-sample batch.
     */
    public static double log1p(double x) {
        double u = 1 + x;
        if (u == 1) {
            return x;
        }
        return Math.log(u) * x / (u - 1);
    }

    /**
     * log(e^a + e^b) without overflow or underflow: the larger term factored out, so that
     * log-probabilities of any magnitude (a thousand frames of CTC) add exactly; -infinity is the
     * log of 0 and is absorbed.
     */
    public static double logAddExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        return Math.max(a, b) + log1p(Math.exp(-Math.abs(a - b)));
    }

    /**
     * log sum_k e^{z_k} over z[0, length), with the largest term factored out so that no exponential
     * overflows: M + log1p(sum of the others' e^{z_k - M}), so that a sum the largest term dominates keeps the
     * others' share (a softmax loss of 1e-20 is 1e-20, not 0); -infinity for an empty sum (the log of 0).
     */
    public static double logSumExp(double[] z, int length) {
        int top = -1;
        double largest = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < length; k++) {
            if (z[k] > largest) {
                largest = z[k];
                top = k;
            } else if (Double.isNaN(z[k])) {
                return Double.NaN;
            }
        }
        if (top < 0 || largest == Double.POSITIVE_INFINITY) {
            return largest;
        }
        double rest = 0;
        for (int k = 0; k < length; k++) {
            rest += k == top ? 0 : Math.exp(z[k] - largest);
        }
        return largest + log1p(rest);
    }

    /**
     * 2^-e for 2^e the power of two at the largest magnitude of x[from, from + length) (1 for all zeros):
     * multiplying by it is exact and brings the entries near 1, where their squares neither overflow nor
     * underflow.
     */
    public static double inversePowerOfTwo(double[] x, int from, int length) {
        double largest = 0;
        for (int k = from; k < from + length; k++) {
            largest = Math.max(largest, Math.abs(x[k]));
        }
        return largest == 0 ? 1 : Math.scalb(1.0, -Math.getExponent(largest));
    }

    /** The logistic sigmoid 1 / (1 + exp(-x)), evaluated on the side where exp cannot overflow. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** The squared Euclidean norm of {@code length} elements starting at {@code offset}. */
    /**
     * The sum, left to right: a plain loop, not a pairwise or compensated one, because the reductions' answers
     * are compared bit for bit with the values this order gives.
     */
    public static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }

    public static double squaredNorm(double[] x, int offset, int length) {
        double sum = 0;
        for (int j = offset; j < offset + length; j++) {
            sum += x[j] * x[j];
        }
        return sum;
    }

    /** The dot product of two equally long runs of elements. */
    public static double dot(double[] a, int aOffset, double[] b, int bOffset, int length) {
        double sum = 0;
        for (int j = 0; j < length; j++) {
            sum += a[aOffset + j] * b[bOffset + j];
        }
        return sum;
    }
}
