package dev.lossref.core.sequences;

import dev.lossref.core.kernels.Numerics;

/**
 * The CTC alignment lattice of one sample in log space (Graves et al. 2006, section 4.1): the forward
 * and backward variables over the extended target (blank, l_1, blank, ..., l_L, blank), and from them
 * the posterior of every class at every frame.
 */
final class Lattice {

    private Lattice() {
    }

    /** The fewest frames that can emit the labels: one each, plus a blank between equal neighbours. */
    static int framesNeeded(int[] labels) {
        int needed = labels.length;
        for (int s = 1; s < labels.length; s++) {
            needed += labels[s] == labels[s - 1] ? 1 : 0;
        }
        return needed;
    }

    /**
     * log p(labels | frames) of one sample; writes the posteriors gamma_t(k) of its first {@code frames}
     * frames into {@code posteriors} (from {@code offset}, [T x C] row-major), unless p = 0.
     *
     * @param logY log y_t(k) of the whole batch, the sample's frames from {@code offset}
     * @return log p, or -infinity when no alignment exists
     */
    static double logProbabilityAndPosteriors(double[] logY, int offset, int classes, int frames, int[] labels,
            int blank, double[] posteriors) {
        if (framesNeeded(labels) > frames) {
            return Double.NEGATIVE_INFINITY;
        }
        int states = 2 * labels.length + 1;
        int[] extended = new int[states];
        for (int s = 0; s < states; s++) {
            extended[s] = s % 2 == 0 ? blank : labels[s / 2];
        }
        double[] alpha = new double[frames * states];
        double[] beta = new double[frames * states];
        java.util.Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(beta, Double.NEGATIVE_INFINITY);
        alpha[0] = logY[offset + blank];
        if (states > 1) {
            alpha[1] = logY[offset + extended[1]];
        }
        for (int t = 1; t < frames; t++) {
            int row = offset + t * classes;
            for (int s = 0; s < states; s++) {
                double sum = alpha[(t - 1) * states + s];
                if (s >= 1) {
                    sum = Numerics.logAddExp(sum, alpha[(t - 1) * states + s - 1]);
                }
                if (s >= 2 && extended[s] != blank && extended[s] != extended[s - 2]) {
                    sum = Numerics.logAddExp(sum, alpha[(t - 1) * states + s - 2]);
                }
                alpha[t * states + s] = sum + logY[row + extended[s]];
            }
        }
        int last = (frames - 1) * states;
        beta[last + states - 1] = 0;
        if (states > 1) {
            beta[last + states - 2] = 0;
        }
        for (int t = frames - 2; t >= 0; t--) {
            int next = offset + (t + 1) * classes;
            for (int s = 0; s < states; s++) {
                double sum = beta[(t + 1) * states + s] + logY[next + extended[s]];
                if (s + 1 < states) {
                    sum = Numerics.logAddExp(sum, beta[(t + 1) * states + s + 1] + logY[next + extended[s + 1]]);
                }
                if (s + 2 < states && extended[s + 2] != blank && extended[s + 2] != extended[s]) {
                    sum = Numerics.logAddExp(sum, beta[(t + 1) * states + s + 2] + logY[next + extended[s + 2]]);
                }
                beta[t * states + s] = sum;
            }
        }
        double logP = states > 1 ? Numerics.logAddExp(alpha[last + states - 1], alpha[last + states - 2])
                : alpha[last + states - 1];
        if (logP == Double.NEGATIVE_INFINITY) {
            return logP;
        }
        double[] logGamma = new double[classes];
        for (int t = 0; t < frames; t++) {
            java.util.Arrays.fill(logGamma, Double.NEGATIVE_INFINITY);
            for (int s = 0; s < states; s++) {
                int k = extended[s];
                logGamma[k] = Numerics.logAddExp(logGamma[k], alpha[t * states + s] + beta[t * states + s]);
            }
            int row = offset + t * classes;
            for (int k = 0; k < classes; k++) {
                posteriors[row + k] = Math.exp(logGamma[k] - logP);
            }
        }
        return logP;
    }
}
