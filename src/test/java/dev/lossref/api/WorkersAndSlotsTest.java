package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.ServiceTest;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Tomcat works on two requests per processor at once (at least four), not on its default 200, and moves
 * 64 KiB through a socket at once on at most 1024 connections.
 */
@ServiceTest
class WorkerThreadsTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theWorkerPoolFollowsTheProcessors() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        AbstractProtocol<?> protocol =
                (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();

        assertThat(protocol.getMaxThreads())
                .isEqualTo(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()))
                .isLessThan(200);
        assertThat(protocol.getMinSpareThreads()).isLessThanOrEqualTo(protocol.getMaxThreads());
    }

    @Test
    void socketsAreReadAndWrittenSixtyFourKibibytesAtATimeOnAtMost1024Connections() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        var connector = server.getTomcat().getConnector();
        AbstractProtocol<?> protocol = (AbstractProtocol<?>) connector.getProtocolHandler();

        assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize")))
                .isEqualTo("65536");
        assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize")))
                .isEqualTo("65536");
        assertThat(protocol.getMaxConnections()).isEqualTo(1024);
    }

    @Test
    void smallMachinesGetFourThreadsAndLargerOnesTwoPerProcessor() {
        assertThat(TomcatConfiguration.workerThreads(1)).isEqualTo(4);
        assertThat(TomcatConfiguration.workerThreads(2)).isEqualTo(4);
        assertThat(TomcatConfiguration.workerThreads(16)).isEqualTo(32);
    }
}
