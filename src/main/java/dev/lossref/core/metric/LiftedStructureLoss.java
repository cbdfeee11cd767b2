package dev.lossref.core.metric;

import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.Numerics;
import dev.lossref.core.kernels.PairwiseDistances;
import java.util.Map;

/**
 * Lifted structured loss (Oh Song et al., CVPR 2016), as pytorch-metric-learning's LiftedStructureLoss
 *, on distances D between normalised embeddings. For every ordered positive pair (a, p):
 * J_ap = log(sum_{n in N(a)} e^{negMargin - D_an} + sum_{n in N(p)} e^{negMargin - D_pn}) + D_ap - posMargin,
 * l_ap = 1/2 max(J_ap, 0)^2. D is computed from the differences of the unit rows, exactly 0 for equal
 * directions, with gradient 0 there. The backward pass goes through the cosines: dD_ij / ds_ij = -1 / D_ij
 * gives the same gradient as (u_i - u_j) / D_ij once each row's radial part is projected out.
 */
public final class LiftedStructureLoss {

    public static final RealParameter NEG_MARGIN = RealParameter.atLeast("negMargin", 1, 0);
    public static final RealParameter POS_MARGIN = RealParameter.atLeast("posMargin", 0, 0);

    private final double negMargin;
    private final double posMargin;

    public LiftedStructureLoss(double negMargin, double posMargin) {
        this.negMargin = NEG_MARGIN.check(negMargin);
        this.posMargin = POS_MARGIN.check(posMargin);
    }

    public Forward forward(Matrix embeddings, int[] labels, WorkLimits limits) {
        MetricBatch batch = MetricBatch.of(embeddings, labels, limits);
        LabelPairs pairs = batch.pairs();
        if (!pairs.anyPositivePair() || !pairs.anyNegativePair()) {
            return batch.nothingToLearn(Map.of("pairs", Tensor.integerMatrix(new int[0], 0, 2)));
        }
        int n = batch.size();
        Matrix units = batch.similarity().rowUnits();
        double[] distances = PairwiseDistances.euclideanMatrix(units.data(), n, units.cols());
        int[] positivePairs = pairs.orderedPositivePairs();
        int count = positivePairs.length / 2;
        double[] perSample = new double[count];
        double[] logSums = new double[count];
        double[] excess = new double[count];
        double[] z = new double[2 * n];
        for (int k = 0; k < count; k++) {
            int a = positivePairs[2 * k];
            int p = positivePairs[2 * k + 1];
            int[] negatives = pairs.negatives(a);
            for (int q = 0; q < negatives.length; q++) {
                z[q] = negMargin - distances[a * n + negatives[q]];
                z[negatives.length + q] = negMargin - distances[p * n + negatives[q]];
            }
            logSums[k] = Numerics.logSumExp(z, 2 * negatives.length);
            excess[k] = Math.max(logSums[k] + distances[a * n + p] - posMargin, 0);
            perSample[k] = excess[k] * excess[k] / 2;
        }
        return Forward.of(
                perSample,
                coefficients -> {
                    double[] distanceGradient = new double[n * n];
                    for (int k = 0; k < count; k++) {
                        if (excess[k] == 0) {
                            continue;
                        }
                        int a = positivePairs[2 * k];
                        int p = positivePairs[2 * k + 1];
                        double h = coefficients.at(k) * excess[k];
                        distanceGradient[a * n + p] += h;
                        for (int q : pairs.negatives(a)) {
                            distanceGradient[a * n + q] -= h * Math.exp(negMargin - distances[a * n + q] - logSums[k]);
                            distanceGradient[p * n + q] -= h * Math.exp(negMargin - distances[p * n + q] - logSums[k]);
                        }
                    }
                    double[] g = distanceGradient;
                    for (int ij = 0; ij < g.length; ij++) {
                        g[ij] = distances[ij] > 0 ? -g[ij] / distances[ij] : 0;
                    }
                    return batch.gradient(g);
                },
                Map.of("pairs", Tensor.integerMatrix(positivePairs, count, 2)));
    }
}
