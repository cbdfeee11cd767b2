package dev.lossref.core;

/** Numerically stable primitives shared by every loss. */
public final class Numerics {

    private Numerics() {
    }

    /**
     * log(1 + exp(x)), the softplus, accurate to float64 for every finite x: written as
     * {@code max(x, 0) + log1p(exp(-|x|))}, exp never overflows, and for very negative x the result
     * keeps the tiny value exp(x) that {@code log(1 + exp(x))} would round to 0.
     */
    public static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** The logistic sigmoid 1 / (1 + exp(-x)), evaluated on the side where exp cannot overflow. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** log sigmoid(x) = -softplus(-x), without forming sigmoid(x), which underflows for x below -745. */
    public static double logSigmoid(double x) {
        return -softplus(-x);
    }

    /**
     * log sum_j exp(x[offset + j]) over {@code length} elements, shifted by the maximum so that no
     * exponential overflows. The terms other than the maximum go through log1p, so that a sum barely
     * above 1 keeps its float64 precision.
     */
    public static double logSumExp(double[] x, int offset, int length) {
        int argmax = offset;
        for (int j = offset + 1; j < offset + length; j++) {
            if (x[j] > x[argmax]) {
                argmax = j;
            }
        }
        double max = x[argmax];
        double rest = 0;
        for (int j = offset; j < offset + length; j++) {
            if (j != argmax) {
                rest += Math.exp(x[j] - max);
            }
        }
        return max + Math.log1p(rest);
    }

    /** The squared Euclidean norm of {@code length} elements starting at {@code offset}. */
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
