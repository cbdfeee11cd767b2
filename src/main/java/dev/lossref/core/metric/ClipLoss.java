package dev.lossref.core.metric;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.CosineSimilarity;
import dev.lossref.core.kernels.Numerics;

/**
 * CLIP's symmetric InfoNCE (Radford et al., ICML 2021), as OpenCLIP's ClipLoss on normalised features
 *. Row i of {@code first} and row i of {@code second} are a matched pair (an image and its
 * caption); with L_ij = s(first_i, second_j) / t every row is a softmax over the second set and every
 * column one over the first: l_i = 1/2 (log sum_j e^{L_ij - L_ii} + log sum_j e^{L_ji - L_ii}), and
 * dl/dL_ij summed over i = 1/2 (softmax of row i at j + softmax of column j at i) - [i = j]. The logits
 * are formed as differences of cosines divided by t, so the loss is exact for any temperature.
 */
public final class ClipLoss {

    public static final RealParameter TEMPERATURE = RealParameter.positive("temperature", 0.07);

    private final double temperature;

    public ClipLoss(double temperature) {
        this.temperature = TEMPERATURE.check(temperature);
    }

    public Forward forward(Matrix first, Matrix second, WorkLimits limits) {
        int n = first.rows();
        int d = first.cols();
        InputCheck check = new InputCheck().nonEmpty(n, "first").sameLength(second.rows(), n, "second", "first");
        check.require(
                second.rows() == 0 || second.cols() == d,
                "second",
                "rows have " + second.cols() + " entries but first rows have " + d);
        check.throwIfFailed();
        limits.requireSimilarityCells((long) n * n, "first");
        CosineSimilarity similarity = CosineSimilarity.between(first, "first", second, "second");
        double[] s = similarity.values();
        // Row i's softmax over (s_ij - s_ii) / t and column i's over (s_ji - s_ii) / t: differences of cosines
        // before the division, so every logit of a pair's own softmax is finite or -Infinity for any
        // temperature, and the pair's own logit is 0.
        double[] rowLogSums = new double[n];
        double[] columnLogSums = new double[n];
        double[] line = new double[n];
        for (int i = 0; i < n; i++) {
            double diagonal = s[i * n + i];
            for (int j = 0; j < n; j++) {
                line[j] = (s[i * n + j] - diagonal) / temperature;
            }
            rowLogSums[i] = Numerics.logSumExp(line, n);
            for (int j = 0; j < n; j++) {
                line[j] = (s[j * n + i] - diagonal) / temperature;
            }
            columnLogSums[i] = Numerics.logSumExp(line, n);
        }
        double[] perSample = new double[n];
        for (int i = 0; i < n; i++) {
            perSample[i] = (rowLogSums[i] + columnLogSums[i]) / 2;
        }
        return Forward.of(perSample, coefficients -> {
            // Pair i's row term and pair j's column term both hold logit ij: each brings its own weight.
            double[] g = new double[n * n];
            double common = coefficients.common();
            for (int i = 0; i < n; i++) {
                double rowWeight = coefficients.weight(i);
                for (int j = 0; j < n; j++) {
                    double columnWeight = coefficients.weight(j);
                    double bracket = rowWeight * Math.exp((s[i * n + j] - s[i * n + i]) / temperature - rowLogSums[i])
                            + columnWeight * Math.exp((s[i * n + j] - s[j * n + j]) / temperature - columnLogSums[j])
                            - (i == j ? rowWeight + columnWeight : 0);
                    g[i * n + j] = common * (bracket / 2 / temperature);
                }
            }
            double[] firstGradient = similarity.backwardRows(g);
            double[] secondGradient = similarity.backwardColumns(g);
            return new Gradients()
                    .put("first", Tensor.matrix(firstGradient, n, d))
                    .put("second", Tensor.matrix(secondGradient, n, d));
        });
    }
}
