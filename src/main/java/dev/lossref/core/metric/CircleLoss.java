package dev.lossref.core.metric;

import dev.lossref.core.FlagParameter;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.Numerics;
import java.util.Arrays;
import java.util.Map;

/**
 * Circle loss (Sun et al., CVPR 2020), as pytorch-metric-learning's CircleLoss. For every
 * anchor a with a positive and a negative, with alpha_p = max(0, 1 + m - s_ap), alpha_n = max(0, s_an + m),
 * Delta_p = 1 - m and Delta_n = m:
 * z_a = log sum_p e^{-gamma alpha_p (s_ap - Delta_p)} + log sum_n e^{gamma alpha_n (s_an - Delta_n)},
 * l_a = softplus(z_a). The weights alpha depend on the similarities too: the exact derivative of a
 * positive's exponent is -gamma (2 - 2 s_ap) (the product rule: -gamma (alpha_p + (s_ap - Delta_p) (-1))),
 * of a negative's gamma 2 s_an, and 0 where the weight is clipped to 0. With {@code detachWeights} the
 * weights are held constant (-gamma alpha_p and gamma alpha_n), as the paper's code and PML do. gamma
 * multiplies each exponent and each gradient last, after the bounded factors, so that where they are 0 the
 * result is 0 for any gamma rather than 0 times Infinity.
 */
public final class CircleLoss {

    public static final RealParameter M = RealParameter.within("m", 0.4, 0, 1);
    public static final RealParameter GAMMA = RealParameter.positive("gamma", 80);
    public static final FlagParameter DETACH_WEIGHTS = new FlagParameter("detachWeights", false);

    private final double m;
    private final double gamma;
    private final boolean detachWeights;

    public CircleLoss(double m, double gamma, boolean detachWeights) {
        this.m = M.check(m);
        this.gamma = GAMMA.check(gamma);
        this.detachWeights = detachWeights;
    }

    public Forward forward(Matrix embeddings, int[] labels, WorkLimits limits) {
        MetricBatch batch = MetricBatch.of(embeddings, labels, limits);
        LabelPairs pairs = batch.pairs();
        int n = batch.size();
        int[] anchors = new int[n];
        int count = 0;
        for (int a = 0; a < n; a++) {
            if (pairs.positives(a).length > 0 && pairs.negatives(a).length > 0) {
                anchors[count++] = a;
            }
        }
        int[] counted = Arrays.copyOf(anchors, count);
        double[] s = batch.similarity().values();
        double[] perSample = new double[count];
        double[] positiveLogSums = new double[count];
        double[] negativeLogSums = new double[count];
        double[] z = new double[n];
        for (int k = 0; k < counted.length; k++) {
            int a = counted[k];
            int[] positives = pairs.positives(a);
            for (int q = 0; q < positives.length; q++) {
                z[q] = positiveLogit(s[a * n + positives[q]]);
            }
            positiveLogSums[k] = Numerics.logSumExp(z, positives.length);
            int[] negatives = pairs.negatives(a);
            for (int q = 0; q < negatives.length; q++) {
                z[q] = negativeLogit(s[a * n + negatives[q]]);
            }
            negativeLogSums[k] = Numerics.logSumExp(z, negatives.length);
            perSample[k] = Numerics.softplus(positiveLogSums[k] + negativeLogSums[k]);
        }
        return Forward.of(
                perSample,
                coefficients -> {
                    double[] g = new double[n * n];
                    for (int k = 0; k < counted.length; k++) {
                        int a = counted[k];
                        double outer = coefficients.at(k) * Numerics.sigmoid(positiveLogSums[k] + negativeLogSums[k]);
                        if (outer == 0) {
                            // sigma(z_a) is e^{-huge}: every weight of this anchor is 0, whatever gamma.
                            continue;
                        }
                        for (int p : pairs.positives(a)) {
                            double similarity = s[a * n + p];
                            g[a * n + p] = gamma
                                    * (outer
                                            * Math.exp(positiveLogit(similarity) - positiveLogSums[k])
                                            * positiveSlope(similarity));
                        }
                        for (int q : pairs.negatives(a)) {
                            double similarity = s[a * n + q];
                            g[a * n + q] = gamma
                                    * (outer
                                            * Math.exp(negativeLogit(similarity) - negativeLogSums[k])
                                            * negativeSlope(similarity));
                        }
                    }
                    return batch.gradient(g);
                },
                Map.of("anchors", Tensor.integerVector(counted)));
    }

    private double positiveLogit(double similarity) {
        return -gamma * (Math.max(0, 1 + m - similarity) * (similarity - (1 - m)));
    }

    private double negativeLogit(double similarity) {
        return gamma * (Math.max(0, similarity + m) * (similarity - m));
    }

    /** The positive exponent's derivative divided by gamma, which the gradient multiplies last. */
    private double positiveSlope(double similarity) {
        double weight = Math.max(0, 1 + m - similarity);
        if (detachWeights || weight == 0) {
            return -weight;
        }
        return -(2 - 2 * similarity);
    }

    /** The negative exponent's derivative divided by gamma. */
    private double negativeSlope(double similarity) {
        double weight = Math.max(0, similarity + m);
        if (detachWeights || weight == 0) {
            return weight;
        }
        return 2 * similarity;
    }
}
