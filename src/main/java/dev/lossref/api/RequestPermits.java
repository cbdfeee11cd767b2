package dev.lossref.api;

import dev.lossref.api.json.NumberPermits;

/**
 * The permits one request holds, given back when it is done. A request with a Content-Length takes,
 * before it is parsed, as many permits as its body could hold numbers (a number takes at least two
 * bytes, "0,"), all or nothing: concurrent requests then never hold part of what they need while
 * waiting for the rest. A request without a length takes them as its bytes arrive.
 */
final class RequestPermits implements NumberPermits {

    static final String ATTRIBUTE = RequestPermits.class.getName();

    private final WorkInFlight work;
    private long held;
    private long counted;

    RequestPermits(WorkInFlight work) {
        this.work = work;
    }

    /**
     * Holds permits for the most numbers a body of {@code bytes} bytes can hold, up to {@code cap}: takes what
     * it does not hold yet, so a body of unknown length reserves as its bytes arrive.
     */
    void reserveFor(long bytes, long cap) {
        long wanted = Math.min(cap, bytes / 2 + 1);
        if (wanted > held) {
            acquire((int) (wanted - held));
        }
    }

    @Override
    public void take(int count) {
        counted += count;
        if (counted > held) {
            acquire((int) (counted - held));
        }
    }

    private void acquire(int count) {
        if (!work.tryTake(count)) {
            throw new ServiceOverloadedException();
        }
        held += count;
    }

    void giveBack() {
        work.give((int) held);
        held = 0;
    }
}
