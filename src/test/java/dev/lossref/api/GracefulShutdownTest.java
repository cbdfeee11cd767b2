package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.LossServiceApplication;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Shutting down while a request is in flight (its body half sent): readiness turns to refusing
 * traffic first, and the request still completes with 200 before the server stops.
 */
class GracefulShutdownTest {

    private static final String FIRST_HALF = "{\"logits\": [[0, 0]], ";
    private static final String SECOND_HALF = "\"labels\": [0]}";

    @Test
    void inFlightRequestFinishesAndReadinessGoesDownFirst() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LossServiceApplication.class)
                .properties("server.port=0")
                .listeners(event -> {
                    if (event instanceof AvailabilityChangeEvent<?> change
                            && change.getState() instanceof ReadinessState state) {
                        events.add("readiness " + state);
                    }
                })
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        WorkInFlight work = context.getBean(WorkInFlight.class);

        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            int length = (FIRST_HALF + SECOND_HALF).getBytes(StandardCharsets.UTF_8).length;
            out.write(("POST /losses/softmax-cross-entropy HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                            + "application/json\r\nContent-Length: " + length
                            + "\r\nConnection: close\r\n\r\n"
                            + FIRST_HALF)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            // The request is in the controller once it holds permits for its numbers.
            awaitCondition(() -> work.available() < work.capacity(), "the request to reach the controller");

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);
            awaitCondition(
                    () -> events.contains("readiness " + ReadinessState.REFUSING_TRAFFIC), "readiness to go down");
            sleep(300);
            events.add("second half sent");
            out.write(SECOND_HALF.getBytes(StandardCharsets.UTF_8));
            out.flush();

            String response = readAll(socket.getInputStream());
            events.add("response");
            shutdown.get(30, TimeUnit.SECONDS);

            assertThat(response).startsWith("HTTP/1.1 200").contains("\"value\":0.6931471805599453");
            assertThat(events)
                    .containsSubsequence(
                            "readiness " + ReadinessState.REFUSING_TRAFFIC, "second half sent", "response");
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits for a condition (generously: this is synchronisation, not a timing assertion). */
    private static void awaitCondition(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
