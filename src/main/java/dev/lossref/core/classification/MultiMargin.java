package dev.lossref.core.classification;

import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.IntegerParameter;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;
import dev.lossref.core.WireName;

/**
 * The multi-class hinge loss on scores x [N x C] with labels y, z_ij = margin - x_iy + x_ij for j != y:
 * <ul>
 *   <li>Weston and Watkins (1999), PyTorch's multi_margin_loss: l_i = w_y sum_{j != y} max(0, z_ij)^p / C;</li>
 *   <li>Crammer and Singer (2001): l_i = w_y max_{j != y} max(0, z_ij)^p, the largest violation only,
 *   not divided by C; ties go to the lowest class index.</li>
 * </ul>
 * A term counts only where z > 0 (its gradient is 0 at z = 0, as PyTorch). Second derivatives
 * (which PyTorch cannot take): 0 for p = 1; for p = 2, 2 w_y / C per active term on each entry it
 * involves (x_iy and x_ij; without the 1/C for Crammer-Singer).
 */
public final class MultiMargin {

    /** Which multi-class hinge. */
    public enum Variant implements WireName {
        WESTON_WATKINS("weston-watkins"),
        CRAMMER_SINGER("crammer-singer");

        private final String wireName;

        Variant(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    public static final IntegerParameter P = new IntegerParameter("p", 1, 1, 2);
    public static final RealParameter MARGIN = RealParameter.any("margin", 1);
    public static final ChoiceParameter<Variant> VARIANT =
            ChoiceParameter.of("variant", Variant.WESTON_WATKINS, Variant.values());

    private final int p;
    private final double margin;
    private final double[] classWeights;
    private final Variant variant;

    public MultiMargin(int p, double margin, double[] classWeights, Variant variant) {
        this.p = P.check(p);
        this.margin = MARGIN.check(margin);
        this.classWeights = classWeights;
        this.variant = variant;
        if (classWeights != null) {
            new InputCheck()
                    .nonEmpty(classWeights.length, "classWeights")
                    .allWithin(classWeights, 0, Double.MAX_VALUE, "classWeights")
                    .throwIfFailed();
        }
    }

    public SecondOrderForward forward(Matrix scores, int[] labels) {
        int n = scores.rows();
        int classes = scores.cols();
        InputCheck check = new InputCheck().nonEmpty(n, "scores").sameLength(labels.length, n, "labels", "scores");
        if (classWeights != null) {
            check.require(
                    classWeights.length == classes,
                    "classWeights",
                    "has " + classWeights.length + " entries but scores has " + classes + " classes");
        }
        check.throwIfFailed();
        check.labelsBelow(labels, classes, "labels").throwIfFailed();
        double[] x = scores.data();
        boolean crammerSinger = variant == Variant.CRAMMER_SINGER;
        double divisor = crammerSinger ? 1 : classes;
        double[] perSample = new double[n];
        int[] largest = new int[n];
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            double target = x[i * classes + y];
            double sum = 0;
            largest[i] = -1;
            double largestTerm = 0;
            for (int j = 0; j < classes; j++) {
                double z = margin - target + x[i * classes + j];
                if (j == y || !(z > 0)) {
                    continue;
                }
                double term = p == 1 ? z : z * z;
                sum += term;
                if (term > largestTerm) {
                    largestTerm = term;
                    largest[i] = j;
                }
            }
            perSample[i] = weight(y) * (crammerSinger ? largestTerm : sum) / divisor;
        }
        return Forward.withHessians(perSample, (coefficients, hessians) -> {
            double[] gradient = new double[x.length];
            double[] second = hessians == null ? null : new double[x.length];
            for (int i = 0; i < n; i++) {
                int y = labels[i];
                int row = i * classes;
                double scale = coefficients.at(i) * weight(y) / divisor;
                for (int j = 0; j < classes; j++) {
                    boolean counted = crammerSinger ? j == largest[i] : j != y;
                    double z = margin - x[row + y] + x[row + j];
                    if (!counted || !(z > 0)) {
                        continue;
                    }
                    double slope = scale * (p == 1 ? 1 : 2 * z);
                    gradient[row + j] += slope;
                    gradient[row + y] -= slope;
                    if (second != null && p == 2) {
                        second[row + j] += 2 * scale;
                        second[row + y] += 2 * scale;
                    }
                }
            }
            if (second != null) {
                hessians.put("scores", Tensor.matrix(second, n, classes));
            }
            return new Gradients().put("scores", Tensor.matrix(gradient, n, classes));
        });
    }

    private double weight(int y) {
        return classWeights == null ? 1 : classWeights[y];
    }
}
