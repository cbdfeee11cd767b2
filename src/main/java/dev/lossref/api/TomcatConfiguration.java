package dev.lossref.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * How Tomcat talks to clients that send {@code Expect: 100-continue} (curl above 1 MB, Java's HttpClient) and
 * how much it moves through a socket at once. Its worker threads stay at Tomcat's 200: a worker waits while
 * a client sends its body, and how many requests compute at once is {@link WorkSlots}'s business, so a slow
 * sender holds one of 200 threads but none of the computations. The errors Tomcat decides itself are problem
 * details like every other.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

    /** Each connection's read and write buffers; also the most Tomcat reads or writes in one system call. */
    static final int SOCKET_BUFFER_BYTES = 64 * 1024;

    /**
     * Send {@code 100 Continue} only when the application first reads the body, not as soon as the
     * headers arrive: a request refused before that (503 overloaded, 413 too large, 415, 404) gets its
     * final answer while the client still waits, so it never uploads a body nobody will read.
     */
    @Bean
    TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }

    /**
     * After a 408 (a body slower than the minimum upload rate) Tomcat closes the connection instead of reading
     * the rest of the body first, as it does after other refusals ({@code max-swallow-size} is unlimited so
     * that a large body reaches the service's own limit): a client trickling a byte a second would otherwise
     * keep its worker for as long as the trickle lasts.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> closeAfterTooSlowABody() {
        return factory ->
                factory.addContextCustomizers(context -> context.getPipeline().addValve(new ValveBase(true) {
                    @Override
                    public void invoke(Request request, Response response) throws IOException, ServletException {
                        getNext().invoke(request, response);
                        if (response.getStatus() == HttpServletResponse.SC_REQUEST_TIMEOUT) {
                            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                            // Tomcat counts the early close as an error to report: the answer is the report, and
                            // no error page is appended to it.
                            response.setErrorReported();
                        }
                    }
                }));
    }

    /**
     * Socket reads and writes of 64 KiB instead of Tomcat's 8 KiB: a large answer is written straight from the
     * formatted text in pieces of the write buffer's size, one system call (and, on loopback, one segment)
     * each. Measured on 2 cores with curl on the same cores (BENCHMARKS.md), for softmax cross-entropy
     * 4096 x 1000: npz in and out 0.10-0.14 s against 0.13-0.16 s, with 130-142 ms of server CPU against
     * 164-212; npz in and JSON out 0.27-0.33 s against 0.32-0.43 s. Every open connection holds both buffers,
     * so {@code server.tomcat.max-connections} is 1024 (128 MiB of buffers at most).
     */
    @Bean
    TomcatConnectorCustomizer socketBuffersOf64KiB() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
        };
    }

    /**
     * The errors Tomcat answers before any servlet runs (a malformed request line, path or header, a bad
     * Content-Length, an unsupported transfer coding or HTTP version) as problem details like every other error,
     * by a {@link ProblemReportValve} in place of the host's HTML error report.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReports() {
        return new ProblemReports();
    }

    /**
     * Last of the factory customizers, so that its context customizer runs after Boot's, which adds the plain error
     * report valve this one replaces.
     */
    private record ProblemReports() implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> ProblemReportValve.install((StandardHost) context.getParent()));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
