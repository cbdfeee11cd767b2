package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Memory is bounded by the body: a few kilobytes whose first elements announce 700^3 or 1300^3 numbers
 * (2.7 GB, 17.6 GB as doubles), four at once, are refused 400 naming the element that breaks the announced
 * shape, and what every thread of the process allocated meanwhile stays within a small multiple of what
 * the requests sent (the old read allocated the announced array first: OutOfMemoryError, 500).
 */
@ServiceTest
class AllocationAttackTest {

    /** Far below one announced array (2.7 GB), far above what parsing four small bodies takes. */
    private static final long ALLOWED_BYTES = 256L * 1024 * 1024;

    @LocalServerPort
    private int port;

    @Test
    void claimsAnnouncingGigabytesAreRefusedWithoutAllocatingThem() throws Exception {
        Http http = new Http(port);
        List<String> bodies = List.of(attack(700), attack(700), attack(1300), attack(1300));
        http.post("/losses/softmax-cross-entropy/check", bodies.get(0));

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = allocatedByAllThreads(threads);
        ExecutorService clients = Executors.newFixedThreadPool(bodies.size());
        List<Http.Response> responses = new ArrayList<>();
        try {
            List<Future<Http.Response>> sent = new ArrayList<>();
            for (String body : bodies) {
                sent.add(clients.submit(() -> http.post("/losses/softmax-cross-entropy/check", body)));
            }
            for (Future<Http.Response> response : sent) {
                responses.add(response.get());
            }
        } finally {
            clients.shutdown();
        }
        long allocated = allocatedByAllThreads(threads) - before;

        for (Http.Response response : responses) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.errorFields()).containsExactly("claimed.gradients.logits[0][1]");
        }
        assertThat(allocated).isLessThan(ALLOWED_BYTES);
        long sentBytes = bodies.stream().mapToLong(String::length).sum();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(
                "allocation attack: 4 requests of %d bytes in all, announcing %.1f GB as doubles; every thread"
                        + " allocated %.1f MB meanwhile; heap after: %.0f MB used of %.0f MB%n",
                sentBytes,
                (2 * Math.pow(700, 3) + 2 * Math.pow(1300, 3)) * 8 / 1e9,
                allocated / 1e6,
                (runtime.totalMemory() - runtime.freeMemory()) / 1e6,
                runtime.maxMemory() / 1e6);
    }

    /**
     * A check of a valid request whose claimed gradient starts [[[0 x side], 0, ...], 0, ...]: its first
     * elements announce side^3 numbers, its second breaks that shape.
     */
    private static String attack(int side) {
        StringBuilder innermost = new StringBuilder("[");
        for (int k = 0; k < side; k++) {
            innermost.append(k == 0 ? "0" : ",0");
        }
        innermost.append(']');
        StringBuilder rest = new StringBuilder();
        for (int k = 1; k < side; k++) {
            rest.append(",0");
        }
        String claimed = "[[" + innermost + rest + "]" + rest + "]";
        return "{\"request\": {\"logits\": [[2, 1, 0.1]], \"labels\": [0]}, \"claimed\": {\"gradients\": {\"logits\": "
                + claimed + "}}}";
    }

    private static long allocatedByAllThreads(com.sun.management.ThreadMXBean threads) {
        long total = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, allocated);
        }
        return total;
    }
}
