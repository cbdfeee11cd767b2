package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.ServiceTest;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Tomcat works on two requests per processor at once (at least four), not on its default 200. */
@ServiceTest
class WorkerThreadsTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theWorkerPoolFollowsTheProcessors() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        AbstractProtocol<?> protocol = (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();

        assertThat(protocol.getMaxThreads()).isEqualTo(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()))
                .isLessThan(200);
        assertThat(protocol.getMinSpareThreads()).isLessThanOrEqualTo(protocol.getMaxThreads());
    }

    @Test
    void smallMachinesGetFourThreadsAndLargerOnesTwoPerProcessor() {
        assertThat(TomcatConfiguration.workerThreads(1)).isEqualTo(4);
        assertThat(TomcatConfiguration.workerThreads(2)).isEqualTo(4);
        assertThat(TomcatConfiguration.workerThreads(16)).isEqualTo(32);
    }
}
