package dev.lossref.core.metric;

import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import java.util.Map;

/**
 * Triplet loss (Schroff, Kalenichenko and Philbin, FaceNet, CVPR 2015): an anchor should be closer
 * to a positive (same class) than to a negative (another class) by a margin,
 * l = max(D(a, p) - D(a, n) + margin, 0), with D the squared Euclidean distance (FaceNet) or the
 * Euclidean distance.
 *
 * <p>Triplets are given explicitly, or mined from a labelled batch by a {@link TripletMining}
 * (Hermans, Beyer and Leibe 2017). The pairwise distances are computed once ({@link Distance#matrix});
 * mining only reads them. Gradients flow with the selection held fixed; the subgradient is 0 where a
 * loss is exactly 0 and where a Euclidean distance is 0.
 */
public final class TripletLoss {

    public static final RealParameter MARGIN = RealParameter.atLeast("margin", 0.2, 0);
    public static final ChoiceParameter<Distance> DISTANCE =
            ChoiceParameter.of("distance", Distance.SQUARED_EUCLIDEAN, Distance.values());
    /** mean and sum, and the mean over the triplets with a loss above 0 (pytorch-metric-learning's default). */
    public static final ChoiceParameter<ReductionMode> REDUCTION = ChoiceParameter.of(
            "reduction", ReductionMode.MEAN, ReductionMode.MEAN, ReductionMode.SUM, ReductionMode.MEAN_NONZERO);
    /** Required in mining mode: no default. */
    public static final ChoiceParameter<TripletMining> MINING =
            ChoiceParameter.of("mining", null, TripletMining.values());

    private final double margin;
    private final Distance distance;

    public TripletLoss(double margin, Distance distance) {
        this.margin = MARGIN.check(margin);
        this.distance = distance;
    }

    /** The loss of explicit triplets: anchors, positives and negatives, each [N x d]. */
    public Forward explicit(Matrix anchors, Matrix positives, Matrix negatives) {
        int n = anchors.rows();
        int d = anchors.cols();
        InputCheck check = new InputCheck().nonEmpty(n, "anchors");
        requireAligned(check, positives, "positives", n, d);
        requireAligned(check, negatives, "negatives", n, d);
        check.throwIfFailed();
        double[] a = anchors.data();
        double[] p = positives.data();
        double[] q = negatives.data();
        double[] toPositive = new double[n];
        double[] toNegative = new double[n];
        double[] perSample = new double[n];
        for (int i = 0; i < n; i++) {
            toPositive[i] = distance.between(a, i * d, p, i * d, d);
            toNegative[i] = distance.between(a, i * d, q, i * d, d);
            perSample[i] = Math.max(toPositive[i] - toNegative[i] + margin, 0);
        }
        return Forward.of(perSample, coefficients -> {
            double[] anchorGradient = new double[a.length];
            double[] positiveGradient = new double[a.length];
            double[] negativeGradient = new double[a.length];
            for (int i = 0; i < n; i++) {
                if (perSample[i] > 0) {
                    int row = i * d;
                    double positiveScale = coefficients.at(i) * distance.slope(toPositive[i]);
                    double negativeScale = coefficients.at(i) * distance.slope(toNegative[i]);
                    for (int j = 0; j < d; j++) {
                        double towardsPositive = positiveScale * (a[row + j] - p[row + j]);
                        double towardsNegative = negativeScale * (a[row + j] - q[row + j]);
                        anchorGradient[row + j] = towardsPositive - towardsNegative;
                        positiveGradient[row + j] = 0.0 - towardsPositive;
                        negativeGradient[row + j] = towardsNegative;
                    }
                }
            }
            return new Gradients()
                    .put("anchors", Tensor.matrix(anchorGradient, n, d))
                    .put("positives", Tensor.matrix(positiveGradient, n, d))
                    .put("negatives", Tensor.matrix(negativeGradient, n, d));
        });
    }

    /** The loss of the triplets mined from embeddings [N x d] with labels [N]. */
    public Forward mined(Matrix embeddings, int[] labels, TripletMining mining, WorkLimits limits) {
        int n = embeddings.rows();
        int d = embeddings.cols();
        new InputCheck()
                .nonEmpty(n, "embeddings")
                .sameLength(labels.length, n, "labels", "embeddings")
                .throwIfFailed();
        double[] x = embeddings.data();
        double[] distances = distance.matrix(x, n, d);
        int[] triplets = mining.select(labels, distances, limits);
        int count = triplets.length / 3;
        double[] perSample = new double[count];
        for (int t = 0; t < count; t++) {
            int anchor = triplets[3 * t];
            perSample[t] = Math.max(
                    distances[anchor * n + triplets[3 * t + 1]] - distances[anchor * n + triplets[3 * t + 2]] + margin,
                    0);
        }
        return Forward.of(
                perSample,
                coefficients -> {
                    double[] gradient = new double[x.length];
                    for (int t = 0; t < count; t++) {
                        if (perSample[t] > 0) {
                            int anchor = triplets[3 * t];
                            int positive = triplets[3 * t + 1];
                            int negative = triplets[3 * t + 2];
                            accumulate(
                                    gradient,
                                    x,
                                    d,
                                    anchor,
                                    positive,
                                    coefficients.at(t) * distance.slope(distances[anchor * n + positive]));
                            accumulate(
                                    gradient,
                                    x,
                                    d,
                                    anchor,
                                    negative,
                                    -coefficients.at(t) * distance.slope(distances[anchor * n + negative]));
                        }
                    }
                    return new Gradients().put("embeddings", Tensor.matrix(gradient, n, d));
                },
                Map.of("triplets", Tensor.integerMatrix(triplets, count, 3)));
    }

    private static void requireAligned(InputCheck check, Matrix matrix, String name, int rows, int cols) {
        check.sameLength(matrix.rows(), rows, name, "anchors");
        check.require(
                matrix.rows() == 0 || matrix.cols() == cols,
                name,
                "rows have " + matrix.cols() + " entries but anchors rows have " + cols);
    }

    /** Adds scale (x_i - x_j) to row i and subtracts it from row j. */
    private static void accumulate(double[] gradient, double[] x, int d, int i, int j, double scale) {
        if (scale == 0) {
            return;
        }
        for (int k = 0; k < d; k++) {
            double g = scale * (x[i * d + k] - x[j * d + k]);
            gradient[i * d + k] += g;
            gradient[j * d + k] -= g;
        }
    }
}
