package dev.lossref.api.json;

/**
 * The number of array elements one request may still send. Readers charge it as they go, so an
 * oversized request is refused while it streams in, before its arrays are allocated in full.
 */
public final class ElementBudget {

    /** The deserialization attribute under which the readers find the budget of the request. */
    public static final Object ATTRIBUTE = ElementBudget.class;

    private final long limit;
    private long used;

    public ElementBudget(long limit) {
        this.limit = limit;
    }

    public void charge(long elements) {
        used += elements;
        if (used > limit) {
            throw new TooManyElementsException(limit);
        }
    }
}
