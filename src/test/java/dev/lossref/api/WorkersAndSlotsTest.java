package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.ServiceTest;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Tomcat keeps its 200 worker threads (a worker waits while a client sends), two requests per processor (at
 * least four) compute at once, and Tomcat moves 64 KiB through a socket at once on at most 1024 connections.
 */
@ServiceTest
class WorkersAndSlotsTest {

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    WorkSlots slots;

    @Test
    void twoHundredWorkersWaitOnClientsAndTheProcessorsBoundTheComputations() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        AbstractProtocol<?> protocol =
                (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();

        assertThat(protocol.getMaxThreads()).isEqualTo(200);
        assertThat(slots.capacity())
                .isEqualTo(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        assertThat(slots.available()).isEqualTo(slots.capacity());
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
    void smallMachinesGetFourSlotsAndLargerOnesTwoPerProcessor() {
        assertThat(WorkSlots.defaultCapacity(1)).isEqualTo(4);
        assertThat(WorkSlots.defaultCapacity(2)).isEqualTo(4);
        assertThat(WorkSlots.defaultCapacity(16)).isEqualTo(32);
    }
}
