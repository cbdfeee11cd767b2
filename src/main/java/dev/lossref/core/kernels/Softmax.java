package dev.lossref.core.kernels;

import dev.lossref.core.Matrix;
import dev.lossref.core.Parallel;

/**
 * The softmax of every row of a logit matrix, with its logarithm available on demand: one
 * exponential per element, shared by the loss (which needs log p) and its gradient (which needs p).
 *
 * <p>Each row is shifted by its maximum, so that every exponential lies in [0, 1] and logits of any
 * finite magnitude work: p_j = e_j / (1 + r) with e_j = exp(z_j - max) and r the sum of e_j over
 * j != argmax, and log p_j = (z_j - max) - log1p(r), where log1p keeps full precision when the maximum
 * dominates (the confident case, whose small loss log(1 + tiny) would otherwise round to 0).
 */
public final class Softmax {

    private static final Exponentials EXPONENTIALS = KernelChoice.exponentials();

    private final double[] logits;
    private final int rows;
    private final int cols;
    private final double[] probabilities;
    private final double[] shift;
    private final double[] logNormalizer;

    private Softmax(Matrix logits) {
        this.logits = logits.data();
        this.rows = logits.rows();
        this.cols = logits.cols();
        this.probabilities = new double[this.logits.length];
        this.shift = new double[rows];
        this.logNormalizer = new double[rows];
        Parallel.forEachRow(rows, cols, this::row);
    }

    public static Softmax of(Matrix logits) {
        return new Softmax(logits);
    }

    private void row(int i) {
        int offset = i * cols;
        int argmax = offset;
        for (int j = offset + 1; j < offset + cols; j++) {
            if (logits[j] > logits[argmax]) {
                argmax = j;
            }
        }
        double max = logits[argmax];
        // The maximum's own term (exactly 1) stays out of the sum: 1 + tiny would round the tiny rest away.
        double rest = EXPONENTIALS.shiftedExponentials(logits, offset, offset + cols, max, argmax, probabilities);
        double normalizer = 1 + rest;
        for (int j = offset; j < offset + cols; j++) {
            probabilities[j] /= normalizer;
        }
        shift[i] = max;
        logNormalizer[i] = Math.log1p(rest);
    }

    /** log p_ij. */
    public double logProbability(int i, int j) {
        return (logits[i * cols + j] - shift[i]) - logNormalizer[i];
    }

    /**
     * The probabilities p_ij, row-major. The array is handed out, not copied: a backward pass may
     * overwrite it with the gradient once it no longer needs p.
     */
    public double[] probabilities() {
        return probabilities;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }
}
