package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Thirty-two clients that send a body a byte a second hold thirty-two Tomcat workers, but none of the
 * computations: normal requests are answered while every slow sender is still sending, and each slow sender
 * is answered 408 and its connection closed once the grace period is over (two seconds here, five by
 * default). No time is asserted: the normal requests must finish while the slow senders are all still open
 * and unanswered; the times are printed for the record.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "losses.limits.upload-grace-period=2s",
            "losses.limits.min-upload-bytes-per-second=64",
            "server.tomcat.connection-timeout=4s"
        })
class SlowSendersTest {

    private static final int SLOW_SENDERS = 32;
    private static final String SLOW_HEADERS = "POST /losses/l1 HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{";
    private static final String NORMAL = "{\"predictions\": [1.0, 2.0], \"targets\": [1.5, 0.0]}";

    @LocalServerPort
    private int port;

    @Autowired
    private WebServerApplicationContext context;

    @Test
    void slowSendersHoldWorkersButNotTheComputationsAndAreCutAfterTheGracePeriod() throws Exception {
        Http http = new Http(port);
        for (int k = 0; k < 50; k++) {
            // Warm: the times below are those of a served request, not of the first one's class loading.
            assertThat(http.post("/losses/l1", NORMAL).status()).isEqualTo(200);
        }
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int k = 0; k < SLOW_SENDERS; k++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream().write(SLOW_HEADERS.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(SlowSendersTest::sendOneByte), 1, 1, TimeUnit.SECONDS);
            awaitWorkersBusy(SLOW_SENDERS);

            long[] nanos = new long[20];
            for (int k = 0; k < nanos.length; k++) {
                long start = System.nanoTime();
                Http.Response response = http.post("/losses/l1", NORMAL);
                nanos[k] = System.nanoTime() - start;
                assertThat(response.status()).isEqualTo(200);
            }
            // Served while every slow sender was still sending and had had no answer.
            for (Socket socket : slow) {
                assertThat(socket.isClosed()).isFalse();
                assertThat(socket.getInputStream().available()).isZero();
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            long cutStart = System.nanoTime();
            for (Socket socket : slow) {
                assertThat(answerThenClose(socket)).startsWith("HTTP/1.1 408").contains("application/problem+json");
            }
            System.out.printf(
                    "slow senders: %d open at a byte a second; 20 normal requests meanwhile: median %.1f ms,"
                            + " slowest %.1f ms; every slow sender answered 408 and closed within %.1f s more%n",
                    SLOW_SENDERS,
                    sorted[sorted.length / 2] / 1e6,
                    sorted[sorted.length - 1] / 1e6,
                    (System.nanoTime() - cutStart) / 1e9);
        } finally {
            trickle.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** Waits (without a deadline of its own: the test's timeout applies) until the workers are reading bodies. */
    private void awaitWorkersBusy(int busy) throws InterruptedException {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        AbstractProtocol<?> protocol =
                (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();
        var workers = (org.apache.tomcat.util.threads.ThreadPoolExecutor) protocol.getExecutor();
        while (workers.getActiveCount() < busy) {
            Thread.sleep(20);
        }
    }

    private static void sendOneByte(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(' ');
            out.flush();
        } catch (IOException closed) {
            // The server has answered and closed this one.
        }
    }

    @Test
    void aBodyThatStopsArrivingIsCutAtTheReadTimeout() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", port)) {
            silent.getOutputStream().write(SLOW_HEADERS.getBytes(StandardCharsets.US_ASCII));
            silent.getOutputStream().flush();

            // Tomcat itself answers a read that times out, with a bare 408 (docs/http-api.md 5), and closes.
            assertThat(answerThenClose(silent)).startsWith("HTTP/1.1 408");
        }
    }

    /**
     * The answer, up to the server's closing of the connection (an end of stream, or a reset once the
     * server closes with the client's bytes unread): a connection left open fails at the socket timeout.
     */
    private static String answerThenClose(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, count);
            }
        } catch (java.net.SocketException reset) {
            // Closed by the server while this client was still sending: the end, as an end of stream is.
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }
}
