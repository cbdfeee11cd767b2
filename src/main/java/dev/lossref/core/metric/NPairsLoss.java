package dev.lossref.core.metric;

import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.Numerics;
import java.util.Arrays;
import java.util.Map;

/**
 * N-pair loss (Sohn, NeurIPS 2016), as pytorch-metric-learning's NPairsLoss: one pair per
 * label with at least two samples, its lowest-index sample as the anchor and its second as the positive;
 * every other sample is ignored. With L_ij = s(x_{a_i}, x_{p_j}) (cosines, no scale), each pair is a
 * softmax cross-entropy over the positives: l_i = log sum_j e^{L_ij} - L_ii, dl/dL_ij = softmax_ij - [i = j].
 */
public final class NPairsLoss {

    public Forward forward(Matrix embeddings, int[] labels, WorkLimits limits) {
        MetricBatch batch = MetricBatch.of(embeddings, labels, limits);
        int n = batch.size();
        int[] chosen = new int[2 * n];
        int count = 0;
        for (int a = 0; a < n; a++) {
            int[] positives = batch.pairs().positives(a);
            if (positives.length > 0 && positives[0] > a) {
                chosen[2 * count] = a;
                chosen[2 * count + 1] = positives[0];
                count++;
            }
        }
        int b = count;
        int[] pairs = Arrays.copyOf(chosen, 2 * b);
        double[] s = batch.similarity().values();
        double[] perSample = new double[b];
        double[] logSums = new double[b];
        double[] row = new double[b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                row[j] = s[pairs[2 * i] * n + pairs[2 * j + 1]];
            }
            logSums[i] = Numerics.logSumExp(row, b);
            perSample[i] = logSums[i] - row[i];
        }
        return Forward.of(
                perSample,
                coefficients -> {
                    double[] g = new double[n * n];
                    for (int i = 0; i < b; i++) {
                        int a = pairs[2 * i];
                        for (int j = 0; j < b; j++) {
                            int p = pairs[2 * j + 1];
                            g[a * n + p] +=
                                    coefficients.at(i) * (Math.exp(s[a * n + p] - logSums[i]) - (i == j ? 1 : 0));
                        }
                    }
                    return batch.gradient(g);
                },
                Map.of("pairs", Tensor.integerMatrix(pairs, b, 2)));
    }
}
