package dev.lossref.core.metric;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.CosineSimilarity;
import dev.lossref.core.kernels.PairwiseDistances;
import dev.lossref.core.kernels.Softmax;

/**
 * ProxyNCA (Movshovitz-Attias et al., ICCV 2017), as pytorch-metric-learning's ProxyNCALoss
 *: one learned proxy per class, and each sample is a softmax classification over the
 * proxies by negative squared distances between normalised vectors, D2_ij = ||x_hat_i - p_hat_j||^2:
 * l_i = -log(e^{-s D2_iy} / sum_j e^{-s D2_ij}), s = softmaxScale, the own proxy included in the sum.
 * D2 is computed from the differences; the log-softmax is exact for any scale (PML's -log p drops a
 * sample whose probability underflows). On the unit sphere D2 = 2 - 2 cos, so the gradient goes
 * through the cosines: dl/dcos_ij = 2 s (softmax_ij - [j = y_i]).
 */
public final class ProxyNcaLoss {

    public static final RealParameter SOFTMAX_SCALE = RealParameter.positive("softmaxScale", 1);

    private final double softmaxScale;

    public ProxyNcaLoss(double softmaxScale) {
        this.softmaxScale = SOFTMAX_SCALE.check(softmaxScale);
    }

    public Forward forward(Matrix embeddings, int[] labels, Matrix proxies, WorkLimits limits) {
        int n = embeddings.rows();
        int classes = proxies.rows();
        int d = embeddings.cols();
        CosineSimilarity similarity = againstProxies(embeddings, labels, proxies, limits);
        double[] u = similarity.rowUnits().data();
        double[] p = similarity.columnUnits().data();
        double[] logits = new double[n * classes];
        for (int i = 0; i < n; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                logits[i * classes + j] = PairwiseDistances.squared(u, i * d, p, j * d, d);
                nearest = Math.min(nearest, logits[i * classes + j]);
            }
            // -s (D2_ij - min_j D2_ij): the softmax is the same, and the nearest proxy's logit is 0 for any
            // scale rather than -s D2, which is -Infinity for every proxy once s D2 passes the largest double.
            for (int j = 0; j < classes; j++) {
                logits[i * classes + j] = -softmaxScale * (logits[i * classes + j] - nearest);
            }
        }
        Softmax softmax = Softmax.of(new Matrix(n, classes, logits));
        double[] perSample = new double[n];
        for (int i = 0; i < n; i++) {
            perSample[i] = -softmax.logProbability(i, labels[i]);
        }
        return Forward.of(perSample, coefficients -> {
            // 2 s (softmax_ij - [j = y_i]), the scale applied last: where the difference is 0 so is the gradient.
            double[] g = softmax.probabilities();
            for (int i = 0; i < n; i++) {
                double coefficient = coefficients.at(i);
                for (int j = 0; j < classes; j++) {
                    g[i * classes + j] = 2 * (softmaxScale * (coefficient * g[i * classes + j]));
                }
                g[i * classes + labels[i]] = 2 * (softmaxScale * (coefficient * Math.expm1(-perSample[i])));
            }
            return new Gradients()
                    .put("embeddings", Tensor.matrix(similarity.backwardRows(g), n, d))
                    .put("proxies", Tensor.matrix(similarity.backwardColumns(g), classes, d));
        });
    }

    /**
     * The cosines of a labelled batch against one proxy per class, after the checks the proxy losses share:
     * shapes, labels in [0, C), and the work limit on the N x C matrix.
     */
    static CosineSimilarity againstProxies(Matrix embeddings, int[] labels, Matrix proxies, WorkLimits limits) {
        int n = embeddings.rows();
        int classes = proxies.rows();
        int d = embeddings.cols();
        InputCheck check = new InputCheck()
                .nonEmpty(n, "embeddings")
                .nonEmpty(classes, "proxies")
                .sameLength(labels.length, n, "labels", "embeddings");
        check.require(
                classes == 0 || proxies.cols() == d,
                "proxies",
                "rows have " + proxies.cols() + " entries but embeddings rows have " + d);
        check.throwIfFailed();
        check.labelsBelow(labels, classes, "labels").throwIfFailed();
        limits.requireSimilarityCells((long) n * classes, "embeddings");
        return CosineSimilarity.between(embeddings, "embeddings", proxies, "proxies");
    }
}
