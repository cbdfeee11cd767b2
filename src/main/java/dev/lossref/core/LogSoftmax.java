package dev.lossref.core;

/** The log-softmax of matrix rows, shared by every softmax-based loss. */
public final class LogSoftmax {

    private LogSoftmax() {
    }

    /**
     * Writes log softmax(z) of one row of {@code length} logits into {@code out}.
     *
     * <p>Each entry is {@code (z_j - max) - log1p(sum over j != argmax of exp(z_j - max))}: shifting
     * by the maximum keeps every exponential in [0, 1], so logits of any finite magnitude work, and
     * log1p keeps full precision when the maximum dominates (the confident case, whose small loss
     * would otherwise be lost to rounding in log(1 + tiny)).
     */
    public static void row(double[] z, int offset, int length, double[] out, int outOffset) {
        int argmax = offset;
        for (int j = offset + 1; j < offset + length; j++) {
            if (z[j] > z[argmax]) {
                argmax = j;
            }
        }
        double max = z[argmax];
        double rest = 0;
        for (int j = offset; j < offset + length; j++) {
            if (j != argmax) {
                rest += Math.exp(z[j] - max);
            }
        }
        double logNormalizer = Math.log1p(rest);
        for (int j = 0; j < length; j++) {
            out[outOffset + j] = (z[offset + j] - max) - logNormalizer;
        }
    }

    /** log softmax of every row of {@code logits}, as a new row-major array. */
    public static double[] rows(Matrix logits) {
        double[] out = new double[logits.data().length];
        for (int i = 0; i < logits.rows(); i++) {
            row(logits.data(), logits.offset(i), logits.cols(), out, logits.offset(i));
        }
        return out;
    }
}
