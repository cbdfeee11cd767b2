package dev.lossref.core.metric;

import dev.lossref.core.WireName;
import dev.lossref.core.WorkLimitExceededException;
import dev.lossref.core.WorkLimits;
import java.util.Arrays;

/**
 * How triplets (anchor, positive, negative) are chosen from a labelled batch, given the distances
 * between its embeddings. A triplet is valid when a != p, y_a = y_p and y_n != y_a. Ties go to the
 * lowest index; anchors with no positive or no negative are skipped; the triplets come in ascending
 * (a, p, n) order, three indices each.
 */
public enum TripletMining implements WireName {
    /** Every valid triplet. */
    BATCH_ALL("batch-all"),
    /** Per anchor, the farthest positive and the nearest negative (Hermans, Beyer and Leibe 2017). */
    BATCH_HARD("batch-hard"),
    /**
     * Per positive pair, the nearest negative farther than the positive, or the farthest negative where
     * none is (FaceNet; TensorFlow Addons' triplet_semihard_loss).
     */
    SEMI_HARD("semi-hard");

    private final String wireName;

    TripletMining(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /**
     * The chosen triplets, flat [a0, p0, n0, a1, ...].
     *
     * @param distances D between every pair of embeddings, [n x n] row-major
     * @param limits the most triplets one request may mine (413 beyond)
     */
    public int[] select(int[] labels, double[] distances, WorkLimits limits) {
        return switch (this) {
            case BATCH_ALL -> batchAll(labels, limits);
            case BATCH_HARD -> batchHard(labels, distances);
            case SEMI_HARD -> semiHard(labels, distances, limits);
        };
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
