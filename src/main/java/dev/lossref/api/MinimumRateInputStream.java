package dev.lossref.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.function.LongSupplier;

/**
 * Passes a request body through, and refuses it once it arrives more slowly than a minimum average rate,
 * counted from the first read after a grace period (Kestrel's MinRequestBodyDataRate): a client trickling
 * a byte a second is cut after the grace period instead of holding its worker for as long as it likes. A
 * read that waits longer than the connector's read timeout is refused the same way.
 */
final class MinimumRateInputStream extends FilterInputStream {

    private final long bytesPerSecond;
    private final long graceNanos;
    private final LongSupplier clock;
    private long start = Long.MIN_VALUE;
    private long count;

    MinimumRateInputStream(InputStream in, long bytesPerSecond, long graceNanos, LongSupplier clock) {
        super(in);
        this.bytesPerSecond = bytesPerSecond;
        this.graceNanos = graceNanos;
        this.clock = clock;
    }

    @Override
    public int read() throws IOException {
        begin();
        int b;
        try {
            b = super.read();
        } catch (IOException failure) {
            throw silentOr(failure);
        }
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        begin();
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException failure) {
            throw silentOr(failure);
        }
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void begin() {
        if (start == Long.MIN_VALUE) {
            start = clock.getAsLong();
        }
    }

    private void advance(int n) {
        count += n;
        long elapsed = clock.getAsLong() - start;
        // count < rate * elapsed, without the product overflowing for long waits.
        if (elapsed > graceNanos && count / (double) bytesPerSecond < elapsed / 1e9) {
            throw new RequestTooSlowException("the request body arrived at "
                    + Math.round(count / (elapsed / 1e9)) + " bytes per second, below the minimum of "
                    + bytesPerSecond + " (losses.limits.min-upload-bytes-per-second) after the first "
                    + graceNanos / 1_000_000_000.0 + " s");
        }
    }

    /** A read that timed out (Tomcat wraps the socket's timeout in its own exception) is a body too slow. */
    private static IOException silentOr(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                throw new RequestTooSlowException("the request body stopped arriving: nothing came within the read"
                        + " timeout (server.tomcat.connection-timeout)");
            }
        }
        return failure;
    }
}
