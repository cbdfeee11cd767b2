package dev.lossref.core.metric;

import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.Numerics;

/**
 * Multi-similarity loss (Wang et al., CVPR 2019), as pytorch-metric-learning's MultiSimilarityLoss
 * without its miner. For every sample a:
 * l_a = (1/alpha) log(1 + sum_{p in P(a)} e^{-alpha (s_ap - base)}) + (1/beta) log(1 + sum_{n in N(a)}
 * e^{beta (s_an - base)}), an empty set contributing 0. Each term is a softplus of a log-sum-exp, exact
 * for any alpha and beta; its derivative is -w_p for a positive and +w_n for a negative, with w the
 * softmax of the exponents including the 1 (a sigmoid times a softmax).
 */
public final class MultiSimilarityLoss {

    public static final RealParameter ALPHA = RealParameter.positive("alpha", 2);
    public static final RealParameter BETA = RealParameter.positive("beta", 50);
    public static final RealParameter BASE = RealParameter.within("base", 0.5, -1, 1);

    private final double alpha;
    private final double beta;
    private final double base;

    public MultiSimilarityLoss(double alpha, double beta, double base) {
        this.alpha = ALPHA.check(alpha);
        this.beta = BETA.check(beta);
        this.base = BASE.check(base);
    }

    public Forward forward(Matrix embeddings, int[] labels, WorkLimits limits) {
        MetricBatch batch = MetricBatch.of(embeddings, labels, limits);
        LabelPairs pairs = batch.pairs();
        int n = batch.size();
        double[] s = batch.similarity().values();
        double[] perSample = new double[n];
        double[] positiveLogSums = new double[n];
        double[] negativeLogSums = new double[n];
        double[] z = new double[n];
        for (int a = 0; a < n; a++) {
            positiveLogSums[a] = logSum(s, n, a, pairs.positives(a), -alpha, z);
            negativeLogSums[a] = logSum(s, n, a, pairs.negatives(a), beta, z);
            perSample[a] = Numerics.softplus(positiveLogSums[a]) / alpha + Numerics.softplus(negativeLogSums[a]) / beta;
        }
        return Forward.of(perSample, coefficients -> {
            double[] g = new double[n * n];
            for (int a = 0; a < n; a++) {
                spread(g, s, n, a, pairs.positives(a), -alpha, positiveLogSums[a], -coefficients.at(a));
                spread(g, s, n, a, pairs.negatives(a), beta, negativeLogSums[a], coefficients.at(a));
            }
            return batch.gradient(g);
        });
    }

    /** log sum_{j in set} e^{slope (s_aj - base)}, -infinity for an empty set. */
    private double logSum(double[] s, int n, int a, int[] set, double slope, double[] z) {
        for (int q = 0; q < set.length; q++) {
            z[q] = slope * (s[a * n + set[q]] - base);
        }
        return Numerics.logSumExp(z, set.length);
    }

    /** Adds sign coefficient w_j to dL/ds_aj, w_j = e^{slope (s_aj - base)} / (1 + sum e^{...}). */
    private void spread(
            double[] g, double[] s, int n, int a, int[] set, double slope, double logSum, double signedCoefficient) {
        if (set.length == 0) {
            return;
        }
        double total = Numerics.sigmoid(logSum);
        for (int j : set) {
            g[a * n + j] += signedCoefficient * total * Math.exp(slope * (s[a * n + j] - base) - logSum);
        }
    }
}
