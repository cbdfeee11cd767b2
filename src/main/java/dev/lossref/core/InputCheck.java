package dev.lossref.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the violations of one input, so that a client learns every problem at once (up to a
 * bound, so that a million bad labels do not make a million-line answer).
 */
public final class InputCheck {

    private static final int MAX_REPORTED = 20;

    private final List<Violation> violations = new ArrayList<>();

    public InputCheck fail(String field, String message) {
        if (violations.size() < MAX_REPORTED) {
            violations.add(new Violation(field, message));
        }
        return this;
    }

    public boolean failed() {
        return !violations.isEmpty();
    }

    /** Throws {@link InvalidInputException} when anything failed. */
    public void throwIfFailed() {
        if (failed()) {
            throw new InvalidInputException(violations);
        }
    }

    public InputCheck require(boolean condition, String field, String message) {
        return condition ? this : fail(field, message);
    }

    /**
     * {@link #require} for element {@code index} of an array field. The path {@code field[index]} is formed
     * only when the condition fails: a check of every element of a million-sample batch must not build a
     * million strings.
     */
    public InputCheck requireAt(boolean condition, String field, int index, String message) {
        return condition ? this : fail(Violation.path(field, index), message);
    }

    /** {@link #requireAt} for element [row][column] of a matrix field. */
    public InputCheck requireAt(boolean condition, String field, int row, int column, String message) {
        return condition ? this : fail(Violation.path(field, row, column), message);
    }

    /** The batch must not be empty. */
    public InputCheck nonEmpty(int length, String field) {
        return require(length > 0, field, "must not be empty");
    }

    /** An input that must be sent. */
    public InputCheck present(Object value, String field) {
        return require(value != null, field, "is required");
    }

    /** A per-sample input must have one entry per sample of {@code reference}. */
    public InputCheck sameLength(int length, int expected, String field, String reference) {
        return require(length == expected, field, "has " + length + " entries but " + reference + " has " + expected);
    }

    /** Class labels in [0, classes). */
    public InputCheck labelsBelow(int[] labels, int classes, String field) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                fail(Violation.path(field, i), "must be in [0, " + classes + ") (number of classes)");
            }
        }
        return this;
    }

    /** Labels that are -1 or +1. */
    public InputCheck signLabels(int[] labels, String field) {
        // One branch-free pass first: random signs would make a per-label branch mispredict half the time.
        boolean allSigns = true;
        for (int label : labels) {
            allSigns &= Math.abs(label) == 1;
        }
        if (allSigns) {
            return this;
        }
        for (int i = 0; i < labels.length; i++) {
            if (Math.abs(labels[i]) != 1) {
                fail(Violation.path(field, i), "must be -1 or +1");
            }
        }
        return this;
    }

    /** Every element in [low, high]. */
    public InputCheck allWithin(double[] values, double low, double high, String field) {
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= low && values[i] <= high)) {
                fail(Violation.path(field, i), "must be in [" + low + ", " + high + "]");
            }
        }
        return this;
    }

    /** Every element of a matrix in [low, high]. */
    public InputCheck allWithin(Matrix values, double low, double high, String field) {
        double[] data = values.data();
        for (int k = 0; k < data.length; k++) {
            if (!(data[k] >= low && data[k] <= high)) {
                fail(
                        Violation.path(field, k / values.cols(), k % values.cols()),
                        "must be in [" + low + ", " + high + "]");
            }
        }
        return this;
    }
}
