package dev.lossref.core;

/** Range checks for hyperparameters, with messages that name the parameter and its bounds. */
public final class Hyperparameters {

    private Hyperparameters() {
    }

    /** Requires low <= value <= high. */
    public static double within(String name, double value, double low, double high) {
        if (!(value >= low && value <= high)) {
            throw new InvalidInputException(name, "must be in [" + low + ", " + high + "], got " + value);
        }
        return value;
    }

    /** Requires value >= low. */
    public static double atLeast(String name, double value, double low) {
        if (!(value >= low) || !Double.isFinite(value)) {
            throw new InvalidInputException(name, "must be a finite number >= " + low + ", got " + value);
        }
        return value;
    }

    /** Requires value > 0. */
    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidInputException(name, "must be a finite number > 0, got " + value);
        }
        return value;
    }
}
