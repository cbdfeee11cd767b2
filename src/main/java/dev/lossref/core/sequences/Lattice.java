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

    /**
     * log(e^a + e^b + e^c) with the largest term m factored out: m + log(1 + e^(x - m) + e^(y - m)) for
     * the other two, x and y. One logarithm for the three predecessors of a lattice cell instead of two
     * pairwise log-sum-exps, and no exponential for m's own term (exactly 1). Math.log, not log1p: it is a
     * compiler intrinsic, log1p is not, and the sum lies in [1, 3], where log's error is an ulp of a
     * number near 1, far below an ulp of the log-probabilities it is added to.
     */
    static double logSumExp(double a, double b, double c) {
        double max;
        double x;
        double y;
        if (a >= b && a >= c) {
            max = a;
            x = b;
            y = c;
        } else if (b >= c) {
            max = b;
            x = a;
            y = c;
        } else {
            max = c;
            x = a;
            y = b;
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log(1 + Math.exp(x - max) + Math.exp(y - max));
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
            int previous = (t - 1) * states;
            // States before `first` can no longer reach the end; states after `last` are not reached yet.
            int first = Math.max(0, states - 2 * (frames - t));
            int last = Math.min(states - 1, 2 * t + 1);
            for (int s = first; s <= last; s++) {
                double stay = alpha[previous + s];
                double step = s >= 1 ? alpha[previous + s - 1] : Double.NEGATIVE_INFINITY;
                double skip = s >= 2 && extended[s] != blank && extended[s] != extended[s - 2]
                        ? alpha[previous + s - 2] : Double.NEGATIVE_INFINITY;
                alpha[t * states + s] = logSumExp(stay, step, skip) + logY[row + extended[s]];
            }
        }
        int end = (frames - 1) * states;
        beta[end + states - 1] = 0;
        if (states > 1) {
            beta[end + states - 2] = 0;
        }
        for (int t = frames - 2; t >= 0; t--) {
            int next = offset + (t + 1) * classes;
            int following = (t + 1) * states;
            int first = Math.max(0, states - 2 * (frames - t));
            int last = Math.min(states - 1, 2 * t + 1);
            for (int s = first; s <= last; s++) {
                double stay = beta[following + s] + logY[next + extended[s]];
                double step = s + 1 < states ? beta[following + s + 1] + logY[next + extended[s + 1]]
                        : Double.NEGATIVE_INFINITY;
                double skip = s + 2 < states && extended[s + 2] != blank && extended[s + 2] != extended[s]
                        ? beta[following + s + 2] + logY[next + extended[s + 2]] : Double.NEGATIVE_INFINITY;
                beta[t * states + s] = logSumExp(stay, step, skip);
            }
        }
        double logP = states > 1 ? Numerics.logAddExp(alpha[end + states - 1], alpha[end + states - 2])
                : alpha[end + states - 1];
        if (logP == Double.NEGATIVE_INFINITY) {
            return logP;
        }
        // gamma_t(k) = sum over the states of k of alpha beta / p, each term at most 1: summed as probabilities.
        for (int t = 0; t < frames; t++) {
            int row = offset + t * classes;
            java.util.Arrays.fill(posteriors, row, row + classes, 0);
            for (int s = 0; s < states; s++) {
                double logJoint = alpha[t * states + s] + beta[t * states + s];
                if (logJoint != Double.NEGATIVE_INFINITY) {
                    posteriors[row + extended[s]] += Math.exp(logJoint - logP);
                }
            }
        }
        return logP;
    }
}
