package dev.lossref.api;

import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * How Tomcat talks to clients that send {@code Expect: 100-continue} (curl above 1 MB, Java's HttpClient),
 * how much it moves through a socket at once, and how many requests it works on at once.
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
     * Two worker threads per processor (at least four) unless {@code server.tomcat.threads.max} is set:
     * a request is CPU work, and Tomcat's default of 200 threads on a small machine keeps dozens of them
     * runnable at once, which stretches the tail. Measured on 2 cores at 16 connections (BENCHMARKS.md):
     * 4 threads served 2,700 to 4,900 small requests per second with a p99 of 18 to 26 ms, 200 threads
     * 2,300 to 2,700 with 30 to 32 ms. Requests beyond the threads wait in Tomcat's queue, in order.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> workerThreadsForTheProcessors(
            Environment environment) {
        return new WorkerThreads(environment);
    }

    /** Last of the factory customizers, so that its connector customizer runs after Boot's thread settings. */
    private record WorkerThreads(Environment environment)
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            if (environment.containsProperty("server.tomcat.threads.max")) {
                return;
            }
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                    int threads = workerThreads(Runtime.getRuntime().availableProcessors());
                    protocol.setMaxThreads(threads);
                    protocol.setMinSpareThreads(Math.min(protocol.getMinSpareThreads(), threads));
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static int workerThreads(int processors) {
        return Math.max(4, 2 * processors);
    }
}
