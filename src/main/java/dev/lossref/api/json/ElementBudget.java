package dev.lossref.api.json;

/**
 * The number of array elements one request may still send. Readers charge it as they go, so an
 * oversized request is refused while it streams in, before its arrays are allocated in full.
 */
public final class ElementBudget {

    /** The deserialization attribute under which the readers find the budget of the request. */
    public static final Object ATTRIBUTE = ElementBudget.class;

    private final long limit;
    private final NumberPermits permits;
    private long used;

    /**
     * @param limit the most numbers this request may hold
     * @param permits where the numbers are also counted against the service's work in flight
     */
    public ElementBudget(long limit, NumberPermits permits) {
        this.limit = limit;
        this.permits = permits;
    }

    /** The most numbers the request may hold. */
    public long limit() {
        return limit;
    }

    public void charge(long elements) {
        used += elements;
        if (used > limit) {
            throw new TooManyElementsException(limit);
        }
        permits.take((int) elements);
    }
}
