package dev.lossref.core;

/**
 * An integer hyperparameter of a loss, declared once: the loss checks it, a request fills in the
 * default, and the catalog documents both (see {@link RealParameter}).
 *
 * @param name the request field
 * @param defaultValue the value when the field is not sent
 * @param minimum the lower bound, inclusive
 * @param maximum the upper bound, inclusive
 */
public record IntegerParameter(String name, int defaultValue, int minimum, int maximum) {

    public int valueOr(Integer sent) {
        return sent == null ? defaultValue : sent;
    }

    public int check(int value) {
        if (value < minimum || value > maximum) {
            throw new InvalidInputException(
                    name, "must be an integer in [" + minimum + ", " + maximum + "], got " + value);
        }
        return value;
    }
}
