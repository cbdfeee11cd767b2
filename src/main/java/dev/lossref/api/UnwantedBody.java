package dev.lossref.api;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What is left of the body of a refused request (503, 413, 415, 404, ...) is read and thrown away,
 * within a byte and a time budget, after the answer has been sent. Tomcat closes the connection after
 * such statuses; closing it while the client is still sending makes the client's kernel receive a
 * reset, and the client loses the answer (curl: exit 55, no status). Reading the rest first lets the
 * client finish sending and read its 503 and Retry-After.
 *
 * <p>A request with {@code Expect: 100-continue} whose body the application never started is left
 * alone: Tomcat sends {@code 100 Continue} only on the first read ({@link TomcatConfiguration}), so
 * that client has sent nothing and never will.
 */
final class UnwantedBody {

    /** Set by the request reader when it starts reading a body. */
    static final String STARTED = UnwantedBody.class.getName() + ".started";
    /** The longest the service spends reading an unwanted body. */
    static final long MAX_DRAIN_NANOS = 10_000_000_000L;

    private final long maxBytes;

    /** @param maxBytes the most bytes read from an unwanted body: the largest body the service accepts at all */
    UnwantedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void drainAfterRefusal(HttpServletRequest request, HttpServletResponse response) {
        if (response.getStatus() < 400
                || response.getStatus() == HttpServletResponse.SC_REQUEST_TIMEOUT
                || request.getContentLengthLong() == 0) {
            // A body that came too slowly is not waited for again: its connection is closed (408).
            return;
        }
        boolean started = request.getAttribute(STARTED) != null;
        boolean expectsContinue = "100-continue".equalsIgnoreCase(request.getHeader("Expect"));
        if (expectsContinue && !started) {
            return;
        }
        try {
            response.flushBuffer();
            ServletInputStream body = request.getInputStream();
            byte[] buffer = new byte[65_536];
            long read = 0;
            long deadline = System.nanoTime() + MAX_DRAIN_NANOS;
            int count;
            while (read < maxBytes && System.nanoTime() < deadline && (count = body.read(buffer)) > 0) {
                read += count;
            }
        } catch (IOException | IllegalStateException gone) {
            // The client closed the connection or the body was consumed as a reader: nothing left to drain.
        }
    }
}
