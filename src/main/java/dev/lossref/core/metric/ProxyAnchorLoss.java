package dev.lossref.core.metric;

import dev.lossref.core.Coefficients;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Reduction;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.CosineSimilarity;
import dev.lossref.core.kernels.Numerics;

/**
 * Proxy-Anchor loss (Kim, Kim, Cho and Kwak, CVPR 2020), as pytorch-metric-learning's ProxyAnchorLoss
 *: each proxy is an anchor that pulls its class's samples and pushes every other sample,
 * weighing each by a softmax over the batch. With s_ic the cosine of sample i and proxy c:
 * pos_c = log(1 + sum_{i: y_i = c} e^{-alpha (s_ic - margin)}), neg_c = log(1 + sum_{i: y_i != c}
 * e^{alpha (s_ic + margin)}), perSample_c = pos_c + neg_c. The mean divides the positive parts by the
 * number of proxies with samples and the negative parts by all proxies, so it is not the plain mean of
 * perSample ({@link Reduction#splitMean}). Each part is a softplus of a log-sum-exp, exact for any alpha.
 */
public final class ProxyAnchorLoss {

    public static final RealParameter MARGIN = RealParameter.atLeast("margin", 0.1, 0);
    public static final RealParameter ALPHA = RealParameter.positive("alpha", 32);

    private final double margin;
    private final double alpha;

    public ProxyAnchorLoss(double margin, double alpha) {
        this.margin = MARGIN.check(margin);
        this.alpha = ALPHA.check(alpha);
    }

    public Forward forward(Matrix embeddings, int[] labels, Matrix proxies, WorkLimits limits) {
        int n = embeddings.rows();
        int classes = proxies.rows();
        int d = embeddings.cols();
        CosineSimilarity similarity = ProxyNcaLoss.againstProxies(embeddings, labels, proxies, limits);
        double[] s = similarity.values();
        double[] positiveLogSums = new double[classes];
        double[] negativeLogSums = new double[classes];
        double[] positive = new double[classes];
        double[] negative = new double[classes];
        double[] perSample = new double[classes];
        double[] positiveExponents = new double[n];
        double[] negativeExponents = new double[n];
        int proxiesWithSamples = 0;
        for (int c = 0; c < classes; c++) {
            int p = 0;
            int q = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] == c) {
                    positiveExponents[p++] = -alpha * (s[i * classes + c] - margin);
                } else {
                    negativeExponents[q++] = alpha * (s[i * classes + c] + margin);
                }
            }
            proxiesWithSamples += p > 0 ? 1 : 0;
            positiveLogSums[c] = Numerics.logSumExp(positiveExponents, p);
            negativeLogSums[c] = Numerics.logSumExp(negativeExponents, q);
            positive[c] = Numerics.softplus(positiveLogSums[c]);
            negative[c] = Numerics.softplus(negativeLogSums[c]);
            perSample[c] = positive[c] + negative[c];
        }
        double positiveDivisor = proxiesWithSamples;
        return new Forward() {
            @Override
            public double[] perSample() {
                return perSample;
            }

            /** The positive parts divided by the proxies with samples, the negative parts by all proxies. */
            @Override
            public Reduction reduction(ReductionMode mode) {
                return mode == ReductionMode.MEAN
                        ? Reduction.splitMean(positive, positiveDivisor, negative, classes)
                        : Forward.super.reduction(mode);
            }

            /**
             * The gradient of sum_c (a_c pos_c + b_c neg_c): a_c = b_c, proxy c's coefficient, except under the
             * split mean, whose coefficients are those of the parts.
             */
            @Override
            public Gradients backward(Coefficients coefficients) {
                double[] g = new double[n * classes];
                Coefficients positives = coefficients.part(0, classes);
                Coefficients negatives = coefficients.part(1, classes);
                for (int c = 0; c < classes; c++) {
                    double positiveCoefficient = positives.at(c);
                    double negativeCoefficient = negatives.at(c);
                    double positiveTotal = Numerics.sigmoid(positiveLogSums[c]);
                    double negativeTotal = Numerics.sigmoid(negativeLogSums[c]);
                    for (int i = 0; i < n; i++) {
                        double cosine = s[i * classes + c];
                        if (labels[i] == c) {
                            g[i * classes + c] = -positiveCoefficient
                                    * alpha
                                    * positiveTotal
                                    * Math.exp(-alpha * (cosine - margin) - positiveLogSums[c]);
                        } else {
                            g[i * classes + c] = negativeCoefficient
                                    * alpha
                                    * negativeTotal
                                    * Math.exp(alpha * (cosine + margin) - negativeLogSums[c]);
                        }
                    }
                }
                return new Gradients()
                        .put("embeddings", Tensor.matrix(similarity.backwardRows(g), n, d))
                        .put("proxies", Tensor.matrix(similarity.backwardColumns(g), classes, d));
            }
        };
    }
}
