package dev.lossref.support;

/** Relative error with a floor, used by every numeric comparison in the tests. */
public final class Tolerance {

    private Tolerance() {}

    /**
     * |actual - expected| / max(|expected|, |actual|, floor): relative for ordinary numbers, absolute
     * below {@code floor} (for entries that are zero up to rounding).
     */
    public static double relativeError(double actual, double expected, double floor) {
        double scale = Math.max(Math.max(Math.abs(expected), Math.abs(actual)), floor);
        return Math.abs(actual - expected) / scale;
    }
}
