package dev.lossref.core.kernels;

/** The exponentials of a shifted run of numbers, the inner loop of every softmax. */
interface Exponentials {

    /**
     * Writes {@code e_j = exp(z_j - shift)} to {@code out[j]} for j in [from, to) and returns the sum of
     * e_j over those j other than {@code skip} (the maximum's own term, which a softmax keeps apart).
     */
    double shiftedExponentials(double[] z, int from, int to, double shift, int skip, double[] out);
}
