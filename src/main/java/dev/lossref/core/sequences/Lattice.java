package dev.lossref.core.sequences;

import dev.lossref.core.kernels.LogSumExps;
import dev.lossref.core.kernels.Numerics;
import java.util.Arrays;

/**
 * The CTC alignment lattice of one sample in log space (Graves et al. 2006, section 4.1): the forward
 * and backward variables over the extended target (blank, l_1, blank, ..., l_L, blank), and from them
 * the posterior of every class at every frame.
 */
final class Lattice {

    private Lattice() {}

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
    static double logProbabilityAndPosteriors(
            double[] logY, int offset, int classes, int frames, int[] labels, int blank, double[] posteriors) {
        if (framesNeeded(labels) > frames) {
            return Double.NEGATIVE_INFINITY;
        }
        int states = 2 * labels.length + 1;
        int[] extended = new int[states];
        for (int s = 0; s < states; s++) {
            extended[s] = s % 2 == 0 ? blank : labels[s / 2];
        }
        // 0 where state s may be entered by skipping s - 1 (a label unlike the one two states back), else -inf
        double[] skipAllowed = new double[states + 2];
        Arrays.fill(skipAllowed, Double.NEGATIVE_INFINITY);
        for (int s = 2; s < states; s++) {
            if (extended[s] != blank && extended[s] != extended[s - 2]) {
                skipAllowed[s] = 0;
            }
        }
        // Rows of width states + 2: alpha's states from column 2 (two -inf before them stand for the states
        // s - 1 and s - 2 of s = 0 and 1), beta's from column 0 (two -inf after them), so that every frame is
        // one run of three-term log-sum-exps over shifted rows, which the vector kernel takes lanes at a time.
        int width = states + 2;
        double[] alpha = new double[frames * width];
        double[] beta = new double[frames * width];
        Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
        Arrays.fill(beta, Double.NEGATIVE_INFINITY);
        double[] emission = new double[width];
        double[] skip = new double[width];
        alpha[2] = logY[offset + blank];
        if (states > 1) {
            alpha[3] = logY[offset + extended[1]];
        }
        for (int t = 1; t < frames; t++) {
            int previous = (t - 1) * width;
            // States before `first` can no longer reach the end; states after `last` are not reached yet.
            int first = Math.max(0, states - 2 * (frames - t));
            int last = Math.min(states - 1, 2 * t + 1);
            for (int s = first; s <= last; s++) {
                emission[s] = logY[offset + t * classes + extended[s]];
                skip[s] = alpha[previous + s] + skipAllowed[s];
            }
            LogSumExps.of(
                    alpha,
                    previous + 2 + first,
                    alpha,
                    previous + 1 + first,
                    skip,
                    first,
                    emission,
                    first,
                    alpha,
                    t * width + 2 + first,
                    last - first + 1);
        }
        // beta_t(s) as in the paper: the probability of the rest of the labels from state s at frame t,
        // y_t(l'_s) of frame t included, so that it is alpha's recursion mirrored.
        int end = (frames - 1) * width;
        beta[end + states - 1] = logY[offset + (frames - 1) * classes + extended[states - 1]];
        if (states > 1) {
            beta[end + states - 2] = logY[offset + (frames - 1) * classes + extended[states - 2]];
        }
        for (int t = frames - 2; t >= 0; t--) {
            int next = (t + 1) * width;
            int first = Math.max(0, states - 2 * (frames - t));
            int last = Math.min(states - 1, 2 * t + 1);
            for (int s = first; s <= last; s++) {
                emission[s] = logY[offset + t * classes + extended[s]];
                skip[s] = beta[next + s + 2] + skipAllowed[s + 2];
            }
            LogSumExps.of(
                    beta,
                    next + first,
                    beta,
                    next + first + 1,
                    skip,
                    first,
                    emission,
                    first,
                    beta,
                    t * width + first,
                    last - first + 1);
        }
        double logP = states > 1
                ? Numerics.logAddExp(alpha[end + 2 + states - 1], alpha[end + 2 + states - 2])
                : alpha[end + 2 + states - 1];
        if (logP == Double.NEGATIVE_INFINITY) {
            return logP;
        }
        // gamma_t(k) = sum over the states of k of alpha beta / (y_t(k) p) (both carry y_t(k)), each term at
        // most 1: summed as probabilities.
        for (int t = 0; t < frames; t++) {
            int row = offset + t * classes;
            Arrays.fill(posteriors, row, row + classes, 0);
            for (int s = 0; s < states; s++) {
                double logJoint = alpha[t * width + 2 + s] + beta[t * width + s] - logY[row + extended[s]];
                if (logJoint != Double.NEGATIVE_INFINITY) {
                    posteriors[row + extended[s]] += Math.exp(logJoint - logP);
                }
            }
        }
        return logP;
    }
}
