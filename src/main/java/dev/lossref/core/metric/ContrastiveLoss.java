package dev.lossref.core.metric;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Tensor;

/**
 * Contrastive loss (Hadsell, Chopra and LeCun, CVPR 2006) on pairs (a_i, b_i) with d_i = ||a_i - b_i||:
 * l_i = 1/2 (y_i d_i^2 + (1 - y_i) max(margin - d_i, 0)^2), y = 1 for a similar pair. Similar pairs
 * are pulled together; dissimilar pairs are pushed apart until they are margin away, and ignored
 * beyond. The gradient with respect to a_i is y_i (a_i - b_i) - (1 - y_i) max(margin - d_i, 0)
 * (a_i - b_i) / d_i, and its negative for b_i; where d_i = 0 the direction is undefined and the
 * gradient is 0.
 */
public final class ContrastiveLoss {

    public static final RealParameter MARGIN = RealParameter.positive("margin", 1);

    private final double margin;

    public ContrastiveLoss(double margin) {
        this.margin = MARGIN.check(margin);
    }

    public Forward forward(Matrix first, Matrix second, int[] labels) {
        int n = first.rows();
        int d = first.cols();
        InputCheck check = new InputCheck()
                .nonEmpty(n, "first")
                .sameLength(second.rows(), n, "second", "first")
                .sameLength(labels.length, n, "labels", "first");
        check.require(
                second.cols() == d || second.rows() == 0,
                "second",
                "rows have " + second.cols() + " entries but first rows have " + d);
        check.throwIfFailed();
        for (int i = 0; i < n; i++) {
            check.requireAt(labels[i] == 0 || labels[i] == 1, "labels", i, "must be 0 or 1 (1 = similar)");
        }
        check.throwIfFailed();
        double[] a = first.data();
        double[] b = second.data();
        double[] distances = new double[n];
        double[] perSample = new double[n];
        for (int i = 0; i < n; i++) {
            double squared = 0;
            for (int j = i * d; j < (i + 1) * d; j++) {
                double difference = a[j] - b[j];
                squared += difference * difference;
            }
            distances[i] = Math.sqrt(squared);
            double gap = Math.max(margin - distances[i], 0);
            perSample[i] = labels[i] == 1 ? squared / 2 : gap * gap / 2;
        }
        return Forward.of(perSample, coefficients -> {
            double[] firstGradient = new double[a.length];
            double[] secondGradient = new double[a.length];
            for (int i = 0; i < n; i++) {
                double factor;
                if (labels[i] == 1) {
                    factor = 1;
                } else {
                    double gap = margin - distances[i];
                    factor = gap > 0 && distances[i] > 0 ? -gap / distances[i] : 0;
                }
                for (int j = i * d; j < (i + 1) * d; j++) {
                    double g = coefficients.at(i) * factor * (a[j] - b[j]);
                    firstGradient[j] = g + 0.0;
                    secondGradient[j] = -g + 0.0;
                }
            }
            return new Gradients()
                    .put("first", Tensor.matrix(firstGradient, n, d))
                    .put("second", Tensor.matrix(secondGradient, n, d));
        });
    }
}
