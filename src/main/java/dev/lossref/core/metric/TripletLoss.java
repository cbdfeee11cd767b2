package dev.lossref.core.metric;

import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.RealParameter;
import dev.lossref.core.Reduction;
import dev.lossref.core.Tensor;
import dev.lossref.core.WireName;
import dev.lossref.core.WorkLimitExceededException;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.kernels.MatrixProducts;
import dev.lossref.core.kernels.Numerics;
import java.util.Arrays;

/**
 * Triplet loss (Schroff, Kalenichenko and Philbin, FaceNet, CVPR 2015): an anchor should be closer
 * to a positive (same class) than to a negative (another class) by a margin,
 * l = max(D(a, p) - D(a, n) + margin, 0), with D the squared Euclidean distance (FaceNet) or the
 * Euclidean distance.
 *
 * <p>Triplets are given explicitly, or mined from a labelled batch (Hermans, Beyer and Leibe 2017):
 * {@link Mining#BATCH_ALL} every valid triplet; {@link Mining#BATCH_HARD} per anchor the farthest
 * positive and the nearest negative; {@link Mining#SEMI_HARD} per positive pair the nearest negative
 * farther than the positive, or, where none is, the farthest negative (TensorFlow Addons'
 * triplet_semihard_loss). The pairwise distances are computed once; mining only reads them. Ties go to
 * the lowest index; gradients flow with the selection held fixed; the subgradient is 0 where a loss
 * is exactly 0 and where a Euclidean distance is 0.
 */
public final class TripletLoss {

    public static final RealParameter MARGIN = RealParameter.atLeast("margin", 0.2, 0);
    public static final ChoiceParameter<Distance> DISTANCE =
            ChoiceParameter.of("distance", Distance.SQUARED_EUCLIDEAN, Distance.values());
    /** mean and sum, and the mean over the triplets with a loss above 0 (pytorch-metric-learning's default). */
    public static final ChoiceParameter<Reduction> REDUCTION = ChoiceParameter.of("reduction", Reduction.MEAN,
            Reduction.MEAN, Reduction.SUM, Reduction.MEAN_NONZERO);
    /** Required in mining mode: no default. */
    public static final ChoiceParameter<Mining> MINING = ChoiceParameter.of("mining", null, Mining.values());

    /** The distance between embeddings. */
    public enum Distance implements WireName {
        SQUARED_EUCLIDEAN("squared-euclidean"),
        EUCLIDEAN("euclidean");

        private final String wireName;

        Distance(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    /** How triplets are chosen from a labelled batch. */
    public enum Mining implements WireName {
        BATCH_ALL("batch-all"),
        BATCH_HARD("batch-hard"),
        SEMI_HARD("semi-hard");

        private final String wireName;

        Mining(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

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
            toPositive[i] = distance(a, i * d, p, i * d, d);
            toNegative[i] = distance(a, i * d, q, i * d, d);
            perSample[i] = Math.max(toPositive[i] - toNegative[i] + margin, 0);
        }
        return Forward.of(perSample, coefficient -> {
            double[] anchorGradient = new double[a.length];
            double[] positiveGradient = new double[a.length];
            double[] negativeGradient = new double[a.length];
            for (int i = 0; i < n; i++) {
                if (perSample[i] > 0) {
                    int row = i * d;
                    double positiveScale = coefficient * slope(toPositive[i]);
                    double negativeScale = coefficient * slope(toNegative[i]);
                    for (int j = 0; j < d; j++) {
                        double towardsPositive = positiveScale * (a[row + j] - p[row + j]);
                        double towardsNegative = negativeScale * (a[row + j] - q[row + j]);
                        anchorGradient[row + j] = towardsPositive - towardsNegative;
                        positiveGradient[row + j] = 0.0 - towardsPositive;
                        negativeGradient[row + j] = towardsNegative;
                    }
                }
            }
            return new Gradients().put("anchors", Tensor.matrix(anchorGradient, n, d))
                    .put("positives", Tensor.matrix(positiveGradient, n, d))
                    .put("negatives", Tensor.matrix(negativeGradient, n, d));
        });
    }

    /** The loss of the triplets mined from embeddings [N x d] with labels [N]. */
    public Forward mined(Matrix embeddings, int[] labels, Mining mining, WorkLimits limits) {
        int n = embeddings.rows();
        int d = embeddings.cols();
        new InputCheck().nonEmpty(n, "embeddings").sameLength(labels.length, n, "labels", "embeddings").throwIfFailed();
        double[] x = embeddings.data();
        double[] distances = pairwiseDistances(x, n, d);
        int[] triplets = switch (mining) {
            case BATCH_ALL -> batchAll(labels, limits);
            case BATCH_HARD -> batchHard(labels, distances);
            case SEMI_HARD -> semiHard(labels, distances, limits);
        };
        int count = triplets.length / 3;
        double[] perSample = new double[count];
        for (int t = 0; t < count; t++) {
            int anchor = triplets[3 * t];
            perSample[t] = Math.max(distances[anchor * n + triplets[3 * t + 1]] - distances[anchor * n + triplets[3 * t + 2]]
                    + margin, 0);
        }
        return Forward.of(perSample, coefficient -> {
            double[] gradient = new double[x.length];
            for (int t = 0; t < count; t++) {
                if (perSample[t] > 0) {
                    int anchor = triplets[3 * t];
                    int positive = triplets[3 * t + 1];
                    int negative = triplets[3 * t + 2];
                    accumulate(gradient, x, d, anchor, positive, coefficient * slope(distances[anchor * n + positive]));
                    accumulate(gradient, x, d, anchor, negative, -coefficient * slope(distances[anchor * n + negative]));
                }
            }
            return new Gradients().put("embeddings", Tensor.matrix(gradient, n, d));
        }, java.util.Map.of("triplets", Tensor.integerMatrix(triplets, count, 3)));
    }

    private static void requireAligned(InputCheck check, Matrix matrix, String name, int rows, int cols) {
        check.sameLength(matrix.rows(), rows, name, "anchors");
        check.require(matrix.rows() == 0 || matrix.cols() == cols, name,
                "rows have " + matrix.cols() + " entries but anchors rows have " + cols);
    }

    /** D(u, v) over {@code length} elements. */
    private double distance(double[] u, int uOffset, double[] v, int vOffset, int length) {
        double squared = Numerics.squaredDistance(u, uOffset, v, vOffset, length);
        return distance == Distance.SQUARED_EUCLIDEAN ? squared : Math.sqrt(squared);
    }

    /** dD/du = slope(D) u for the difference u: 2 for the squared distance, 1/D for the distance (0 at 0). */
    private double slope(double value) {
        if (distance == Distance.SQUARED_EUCLIDEAN) {
            return 2;
        }
        return value == 0 ? 0 : 1 / value;
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

    /**
     * Every D(x_i, x_j), computed from the differences (not from norms, which would cancel for near
     * points). The embeddings are transposed once so that row i is compared with all later rows j in
     * one contiguous loop over j, which the JIT turns into SIMD instructions.
     */
    private double[] pairwiseDistances(double[] x, int n, int d) {
        double[] columns = MatrixProducts.transpose(x, n, d);
        double[] distances = new double[Math.multiplyExact(n, n)];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            int k = 0;
            for (; k + 3 < d; k += 4) {
                double x0 = x[i * d + k];
                double x1 = x[i * d + k + 1];
                double x2 = x[i * d + k + 2];
                double x3 = x[i * d + k + 3];
                int c0 = k * n;
                int c1 = c0 + n;
                int c2 = c1 + n;
                int c3 = c2 + n;
                for (int j = i + 1; j < n; j++) {
                    double d0 = x0 - columns[c0 + j];
                    double d1 = x1 - columns[c1 + j];
                    double d2 = x2 - columns[c2 + j];
                    double d3 = x3 - columns[c3 + j];
                    distances[row + j] += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
                }
            }
            for (; k < d; k++) {
                double xk = x[i * d + k];
                int column = k * n;
                for (int j = i + 1; j < n; j++) {
                    double difference = xk - columns[column + j];
                    distances[row + j] += difference * difference;
                }
            }
            if (distance == Distance.EUCLIDEAN) {
                for (int j = i + 1; j < n; j++) {
                    distances[row + j] = Math.sqrt(distances[row + j]);
                }
            }
        }
        mirrorUpperTriangle(distances, n);
        return distances;
    }

    /** Copies the upper triangle into the lower one, tile by tile so that the column writes stay in cache. */
    private static void mirrorUpperTriangle(double[] matrix, int n) {
        int tile = 32;
        for (int i0 = 0; i0 < n; i0 += tile) {
            for (int j0 = i0; j0 < n; j0 += tile) {
                for (int i = i0; i < Math.min(n, i0 + tile); i++) {
                    for (int j = Math.max(j0, i + 1); j < Math.min(n, j0 + tile); j++) {
                        matrix[j * n + i] = matrix[i * n + j];
                    }
                }
            }
        }
    }

    private static int[] batchAll(int[] labels, WorkLimits limits) {
        int n = labels.length;
        long total = 0;
        for (int a = 0; a < n; a++) {
            long positives = 0;
            long negatives = 0;
            for (int j = 0; j < n; j++) {
                if (j != a && labels[j] == labels[a]) {
                    positives++;
                } else if (labels[j] != labels[a]) {
                    negatives++;
                }
            }
            total += positives * negatives;
        }
        requireWithin(total, limits);
        int[] triplets = new int[(int) total * 3];
        int t = 0;
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                for (int q = 0; q < n; q++) {
                    if (labels[q] != labels[a]) {
                        triplets[t++] = a;
                        triplets[t++] = p;
                        triplets[t++] = q;
                    }
                }
            }
        }
        return triplets;
    }

    private static int[] batchHard(int[] labels, double[] distances) {
        int n = labels.length;
        int[] triplets = new int[3 * n];
        int t = 0;
        for (int a = 0; a < n; a++) {
            int hardestPositive = -1;
            int hardestNegative = -1;
            for (int j = 0; j < n; j++) {
                double value = distances[a * n + j];
                if (j != a && labels[j] == labels[a]) {
                    if (hardestPositive < 0 || value > distances[a * n + hardestPositive]) {
                        hardestPositive = j;
                    }
                } else if (labels[j] != labels[a]) {
                    if (hardestNegative < 0 || value < distances[a * n + hardestNegative]) {
                        hardestNegative = j;
                    }
                }
            }
            if (hardestPositive >= 0 && hardestNegative >= 0) {
                triplets[t++] = a;
                triplets[t++] = hardestPositive;
                triplets[t++] = hardestNegative;
            }
        }
        return Arrays.copyOf(triplets, t);
    }

    private static int[] semiHard(int[] labels, double[] distances, WorkLimits limits) {
        int n = labels.length;
        long pairs = 0;
        for (int a = 0; a < n; a++) {
            boolean hasNegative = false;
            long positives = 0;
            for (int j = 0; j < n; j++) {
                hasNegative |= labels[j] != labels[a];
                positives += j != a && labels[j] == labels[a] ? 1 : 0;
            }
            pairs += hasNegative ? positives : 0;
        }
        requireWithin(pairs, limits);
        int[] triplets = new int[(int) pairs * 3];
        int t = 0;
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (p == a || labels[p] != labels[a]) {
                    continue;
                }
                double toPositive = distances[a * n + p];
                int semiHard = -1;
                int farthest = -1;
                for (int q = 0; q < n; q++) {
                    if (labels[q] == labels[a]) {
                        continue;
                    }
                    double value = distances[a * n + q];
                    if (value > toPositive && (semiHard < 0 || value < distances[a * n + semiHard])) {
                        semiHard = q;
                    }
                    if (farthest < 0 || value > distances[a * n + farthest]) {
                        farthest = q;
                    }
                }
                if (farthest >= 0) {
                    triplets[t++] = a;
                    triplets[t++] = p;
                    triplets[t++] = semiHard >= 0 ? semiHard : farthest;
                }
            }
        }
        return triplets;
    }

    private static void requireWithin(long triplets, WorkLimits limits) {
        if (triplets > limits.maxTriplets()) {
            throw new WorkLimitExceededException("the batch yields " + triplets + " triplets, more than the limit of "
                    + limits.maxTriplets() + " (losses.limits.max-triplets)");
        }
    }
}
