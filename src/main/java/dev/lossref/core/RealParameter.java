package dev.lossref.core;

/**
 * A real hyperparameter of a loss: its name, default and range, declared once beside the loss that
 * uses it. The loss checks values with {@link #check}, a request fills in {@link #valueOr}, and the
 * catalog documents the same default and bounds.
 *
 * @param name the request field
 * @param defaultValue the value when the field is not sent
 * @param minimum the lower bound ({@code -infinity} for none)
 * @param excludesMinimum whether the lower bound itself is refused
 * @param maximum the upper bound ({@code +infinity} for none)
 * @param excludesMaximum whether the upper bound itself is refused
 */
public record RealParameter(
        String name,
        double defaultValue,
        double minimum,
        boolean excludesMinimum,
        double maximum,
        boolean excludesMaximum) {

    public RealParameter {
        if (!(minimum <= maximum)) {
            throw new IllegalArgumentException(name + ": minimum above maximum");
        }
    }

    /** A finite number at least {@code minimum}. */
    public static RealParameter atLeast(String name, double defaultValue, double minimum) {
        return new RealParameter(name, defaultValue, minimum, false, Double.POSITIVE_INFINITY, false);
    }

    /** Any finite number. */
    public static RealParameter any(String name, double defaultValue) {
        return new RealParameter(name, defaultValue, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    }

    /** A finite number above zero. */
    public static RealParameter positive(String name, double defaultValue) {
        return new RealParameter(name, defaultValue, 0, true, Double.POSITIVE_INFINITY, false);
    }

    /** A number in (0, maximum]. */
    public static RealParameter positiveAtMost(String name, double defaultValue, double maximum) {
        return new RealParameter(name, defaultValue, 0, true, maximum, false);
    }

    /** A number in [minimum, maximum]. */
    public static RealParameter within(String name, double defaultValue, double minimum, double maximum) {
        return new RealParameter(name, defaultValue, minimum, false, maximum, false);
    }

    /** A number in the open interval (minimum, maximum). */
    public static RealParameter between(String name, double defaultValue, double minimum, double maximum) {
        return new RealParameter(name, defaultValue, minimum, true, maximum, true);
    }

    /** The value sent, or the default when none was. */
    public double valueOr(Double sent) {
        return sent == null ? defaultValue : sent;
    }

    /** {@code value} when it is in range, else an {@link InvalidInputException} naming the parameter. */
    public double check(double value) {
        boolean bounded = maximum != Double.POSITIVE_INFINITY;
        if (bounded) {
            boolean above = excludesMinimum ? value > minimum : value >= minimum;
            boolean below = excludesMaximum ? value < maximum : value <= maximum;
            if (!(above && below)) {
                throw new InvalidInputException(
                        name,
                        "must be in " + (excludesMinimum ? "(" : "[") + decimal(minimum) + ", " + decimal(maximum)
                                + (excludesMaximum ? ")" : "]") + ", got " + value);
            }
        } else if (!(excludesMinimum ? value > minimum : value >= minimum) || !Double.isFinite(value)) {
            throw new InvalidInputException(
                    name,
                    "must be a finite number"
                            + (minimum == Double.NEGATIVE_INFINITY
                                    ? ""
                                    : (excludesMinimum ? " > " : " >= ") + decimal(minimum))
                            + ", got " + value);
        }
        return value;
    }

    /** A bound as people write it: 0 rather than 0.0. */
    private static String decimal(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15
                ? Long.toString((long) bound)
                : Double.toString(bound);
    }
}
