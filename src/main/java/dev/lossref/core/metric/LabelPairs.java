package dev.lossref.core.metric;

import java.util.Arrays;

/**
 * The pair structure of a labelled batch: (a, p) is a positive pair when a != p and
 * y_a = y_p, both orders counted; (a, n) is a negative pair when y_n != y_a. Only equality of labels
 * matters, so any integer is a label. The anchor is never its own positive.
 */
final class LabelPairs {

    private final int[] labels;
    private final int[][] positives;
    private final int[][] negatives;
    private final boolean anyPositivePair;
    private final boolean anyNegativePair;

    LabelPairs(int[] labels) {
        this.labels = labels;
        int n = labels.length;
        this.positives = new int[n][];
        this.negatives = new int[n][];
        boolean positive = false;
        boolean negative = false;
        int[] buffer = new int[n];
        int[] otherBuffer = new int[n];
        for (int a = 0; a < n; a++) {
            int p = 0;
            int q = 0;
            for (int j = 0; j < n; j++) {
                if (j == a) {
                    continue;
                }
                if (labels[j] == labels[a]) {
                    buffer[p++] = j;
                } else {
                    otherBuffer[q++] = j;
                }
            }
            positives[a] = Arrays.copyOf(buffer, p);
            negatives[a] = Arrays.copyOf(otherBuffer, q);
            positive |= p > 0;
            negative |= q > 0;
        }
        this.anyPositivePair = positive;
        this.anyNegativePair = negative;
    }

    int size() {
        return labels.length;
    }

    int label(int i) {
        return labels[i];
    }

    /** The positives of anchor a, ascending. */
    int[] positives(int a) {
        return positives[a];
    }

    /** The negatives of anchor a, ascending. */
    int[] negatives(int a) {
        return negatives[a];
    }

    boolean anyPositivePair() {
        return anyPositivePair;
    }

    boolean anyNegativePair() {
        return anyNegativePair;
    }

    /** Every ordered positive pair (a, p), ascending in a then p, flattened as [a0, p0, a1, p1, ...]. */
    int[] orderedPositivePairs() {
        int count = 0;
        for (int[] p : positives) {
            count += p.length;
        }
        int[] pairs = new int[2 * count];
        int k = 0;
        for (int a = 0; a < positives.length; a++) {
            for (int p : positives[a]) {
                pairs[k++] = a;
                pairs[k++] = p;
            }
        }
        return pairs;
    }
}
