package dev.lossref.api.json;

/** A request holds more numbers than {@code losses.limits.max-elements} allows. */
public final class TooManyElementsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public TooManyElementsException(long limit) {
        super("the request holds more than " + limit + " numbers");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
