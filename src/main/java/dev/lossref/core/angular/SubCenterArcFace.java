package dev.lossref.core.angular;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.IntegerParameter;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.CosineSimilarity;

/**
 * Sub-center ArcFace (Deng et al., ECCV 2020), as pytorch-metric-learning's SubCenterArcFaceLoss
 *: K sub-centers per class, rows j K .. j K + K - 1 of the weights, so that noisy or
 * multi-modal classes need not gather around one center. A sample's cosine to class j is its largest
 * cosine to the class's sub-centers, cos_j = max_k s(x, W_{jK+k}); on these cosines the loss is
 * {@code arcface} without easyMargin or detachMargin. The gradient flows to the maximising sub-center
 * only; ties go to the lowest k (torch.max's choice).
 */
public final class SubCenterArcFace {

    public static final RealParameter SCALE = RealParameter.positive("scale", 64);
    public static final RealParameter MARGIN = RealParameter.within("margin", 0.5, 0, Math.PI / 2);
    public static final IntegerParameter SUB_CENTERS = new IntegerParameter("subCenters", 3, 1, Integer.MAX_VALUE);

    private final MarginSoftmaxHead head;
    private final int subCenters;

    public SubCenterArcFace(double scale, double margin, int subCenters) {
        this.head = ArcFace.head(SCALE.check(scale), MARGIN.check(margin), false, false);
        this.subCenters = SUB_CENTERS.check(subCenters);
    }

    public Forward forward(Matrix embeddings, Matrix weights, int[] labels, WorkLimits limits) {
        int n = embeddings.rows();
        int d = embeddings.cols();
        int rows = weights.rows();
        InputCheck check = new InputCheck()
                .nonEmpty(n, "embeddings")
                .nonEmpty(rows, "weights")
                .sameLength(labels.length, n, "labels", "embeddings");
        check.require(
                rows == 0 || weights.cols() == d,
                "weights",
                "rows have " + weights.cols() + " entries but embeddings rows have " + d);
        check.require(
                rows % subCenters == 0,
                "weights",
                "has " + rows + " rows, not a multiple of subCenters = " + subCenters + " (K rows per class)");
        check.throwIfFailed();
        int classes = rows / subCenters;
        check.labelsBelow(labels, classes, "labels").throwIfFailed();
        limits.requireSimilarityCells((long) n * rows, "embeddings");
        CosineSimilarity similarity = CosineSimilarity.between(embeddings, "embeddings", weights, "weights");
        double[] all = similarity.values();
        double[] cosines = new double[n * classes];
        int[] chosen = new int[n * classes];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < classes; j++) {
                int best = j * subCenters;
                for (int k = best + 1; k < (j + 1) * subCenters; k++) {
                    if (all[i * rows + k] > all[i * rows + best]) {
                        best = k;
                    }
                }
                chosen[i * classes + j] = best;
                // Rounding can put x_hat . W_hat a hair outside [-1, 1], where arccos fails.
                cosines[i * classes + j] = Math.max(-1, Math.min(1, all[i * rows + best]));
            }
        }
        Forward onCosines = head.onCosines(new Matrix(n, classes, cosines), labels);
        return Forward.of(onCosines.perSample(), coefficients -> {
            double[] cosineGradient =
                    onCosines.backward(coefficients).asMap().get("cosines").data();
            double[] g = new double[n * rows];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < classes; j++) {
                    g[i * rows + chosen[i * classes + j]] = cosineGradient[i * classes + j];
                }
            }
            return new Gradients()
                    .put("embeddings", Tensor.matrix(similarity.backwardRows(g), n, d))
                    .put("weights", Tensor.matrix(similarity.backwardColumns(g), rows, d));
        });
    }
}
