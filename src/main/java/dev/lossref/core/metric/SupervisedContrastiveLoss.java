package dev.lossref.core.metric;

import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.Numerics;
import java.util.Arrays;
import java.util.Map;

/**
 * Supervised contrastive loss, L_out of Khosla et al. (NeurIPS 2020), as pytorch-metric-learning's
 * SupConLoss. For every anchor a with positives P(a), in a batch that has a negative pair:
 * l_a = -(1/|P(a)|) sum_{p in P(a)} log(e^{s_ap/t} / sum_{k != a} e^{s_ak/t}). Every k != a is in the
 * denominator, positives included. Each log-ratio is computed as (M - s_ap)/t + log(1 + sum_{k != argmax}
 * e^{(s_ak - M)/t}) with M the largest s_ak: two non-negative parts, so a loss near 0 keeps its
 * digits instead of cancelling, and differences of cosines divided by t, finite for any
 * temperature. dl/ds_ak = (softmax_k - [k in P(a)] / |P(a)|) / t.
 */
public final class SupervisedContrastiveLoss {

    public static final RealParameter TEMPERATURE = RealParameter.positive("temperature", 0.1);

    private final double temperature;

    public SupervisedContrastiveLoss(double temperature) {
        this.temperature = TEMPERATURE.check(temperature);
    }

    public Forward forward(Matrix embeddings, int[] labels, WorkLimits limits) {
        MetricBatch batch = MetricBatch.of(embeddings, labels, limits);
        LabelPairs pairs = batch.pairs();
        if (!pairs.anyPositivePair() || !pairs.anyNegativePair()) {
            return batch.nothingToLearn(Map.of("anchors", Tensor.integerVector(new int[0])));
        }
        int n = batch.size();
        double[] s = batch.similarity().values();
        int[] anchors = new int[n];
        int count = 0;
        for (int a = 0; a < n; a++) {
            if (pairs.positives(a).length > 0) {
                anchors[count++] = a;
            }
        }
        int[] counted = Arrays.copyOf(anchors, count);
        double[] perSample = new double[count];
        // e_ak = e^{(s_ak - M_a)/t}, kept for the backward pass: softmax_ak = e_ak / (1 + rest_a).
        double[] scaled = new double[n * n];
        double[] inverseNormalizers = new double[count];
        for (int k = 0; k < count; k++) {
            int a = counted[k];
            int largest = -1;
            for (int j = 0; j < n; j++) {
                if (j != a && (largest < 0 || s[a * n + j] > s[a * n + largest])) {
                    largest = j;
                }
            }
            double top = s[a * n + largest];
            double rest = 0;
            for (int j = 0; j < n; j++) {
                if (j != a) {
                    double e = Math.exp((s[a * n + j] - top) / temperature);
                    scaled[a * n + j] = e;
                    rest += j == largest ? 0 : e;
                }
            }
            double logRest = Numerics.log1p(rest);
            inverseNormalizers[k] = 1 / (1 + rest);
            int[] positives = pairs.positives(a);
            double gaps = 0;
            for (int p : positives) {
                gaps += (top - s[a * n + p]) / temperature;
            }
            perSample[k] = gaps / positives.length + logRest;
        }
        return Forward.of(
                perSample,
                coefficients -> {
                    double[] g = new double[n * n];
                    for (int k = 0; k < counted.length; k++) {
                        double coefficient = coefficients.at(k);
                        int a = counted[k];
                        int[] positives = pairs.positives(a);
                        for (int j = 0; j < n; j++) {
                            g[a * n + j] = inverseNormalizers[k] * scaled[a * n + j];
                        }
                        for (int p : positives) {
                            g[a * n + p] -= 1.0 / positives.length;
                        }
                        // (softmax - share of the positives) / t, then the coefficient: where the difference is 0
                        // the gradient is 0 for any temperature, not 0 times an infinite 1 / t.
                        for (int j = 0; j < n; j++) {
                            g[a * n + j] = coefficient * (g[a * n + j] / temperature);
                        }
                    }
                    return batch.gradient(g);
                },
                Map.of("anchors", Tensor.integerVector(counted)));
    }
}
