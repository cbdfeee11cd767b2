package dev.lossref.core.metric;

import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.Numerics;
import java.util.Map;

/**
 * NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen et al., ICML 2020), in the
 * form of pytorch-metric-learning's NTXentLoss. For every ordered positive pair (a, p)
 * with cosine similarities s and temperature t:
 * l_ap = -log(e^{s_ap/t} / (e^{s_ap/t} + sum_{n: y_n != y_a} e^{s_an/t})) = softplus(L),
 * L = log sum_n e^{(s_an - s_ap)/t}: the anchor's other positives are not in the denominator. Written as
 * a softplus of differences it is exact for any temperature, where PML's log(q + 2.2e-308) caps at 708.4.
 * With w_n = e^{(s_an - s_ap)/t} / (1 + sum e^{...}): dl/ds_an = w_n / t and dl/ds_ap = -sum_n w_n / t,
 * each weight divided by t before it is scaled, so a temperature of 5e-324 gives 0 where w_n is 0.
 */
public final class NtXentLoss {

    public static final RealParameter TEMPERATURE = RealParameter.positive("temperature", 0.07);

    private final double temperature;

    public NtXentLoss(double temperature) {
        this.temperature = TEMPERATURE.check(temperature);
    }

    public Forward forward(Matrix embeddings, int[] labels, WorkLimits limits) {
        MetricBatch batch = MetricBatch.of(embeddings, labels, limits);
        LabelPairs pairs = batch.pairs();
        if (!pairs.anyPositivePair() || !pairs.anyNegativePair()) {
            return batch.nothingToLearn(Map.of("pairs", Tensor.integerMatrix(new int[0], 0, 2)));
        }
        int n = batch.size();
        double[] s = batch.similarity().values();
        int[] positivePairs = pairs.orderedPositivePairs();
        int count = positivePairs.length / 2;
        double[] perSample = new double[count];
        double[] logSums = new double[count];
        double[] z = new double[n];
        for (int k = 0; k < count; k++) {
            int a = positivePairs[2 * k];
            int p = positivePairs[2 * k + 1];
            int[] negatives = pairs.negatives(a);
            for (int q = 0; q < negatives.length; q++) {
                z[q] = (s[a * n + negatives[q]] - s[a * n + p]) / temperature;
            }
            logSums[k] = Numerics.logSumExp(z, negatives.length);
            perSample[k] = Numerics.softplus(logSums[k]);
        }
        return Forward.of(
                perSample,
                coefficients -> {
                    double[] g = new double[n * n];
                    for (int k = 0; k < count; k++) {
                        int a = positivePairs[2 * k];
                        int p = positivePairs[2 * k + 1];
                        double total = Numerics.sigmoid(logSums[k]);
                        if (total == 0) {
                            // Every negative's weight is e^{-huge}: the gradient is 0 for any temperature.
                            continue;
                        }
                        double coefficient = coefficients.at(k);
                        for (int q : pairs.negatives(a)) {
                            double weight = Math.exp((s[a * n + q] - s[a * n + p]) / temperature - logSums[k]) * total;
                            g[a * n + q] += coefficient * (weight / temperature);
                        }
                        g[a * n + p] -= coefficient * (total / temperature);
                    }
                    return batch.gradient(g);
                },
                Map.of("pairs", Tensor.integerMatrix(positivePairs, count, 2)));
    }
}
