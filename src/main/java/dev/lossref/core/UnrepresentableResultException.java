package dev.lossref.core;

/**
 * The input is well formed but its result is not a finite float64: an overflowing exponential,
 * or an unbounded AdaBoost classifier weight. Reported instead of writing Infinity or NaN.
 */
public final class UnrepresentableResultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public UnrepresentableResultException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field path of the sample whose result is not representable. */
    public String field() {
        return field;
    }
}
