package dev.lossref.api;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How Tomcat talks to clients that send {@code Expect: 100-continue} (curl above 1 MB, Java's HttpClient). */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

    /**
     * Send {@code 100 Continue} only when the application first reads the body, not as soon as the
     * headers arrive: a request refused before that (503 overloaded, 413 too large, 415, 404) gets its
     * final answer while the client still waits, so it never uploads a body nobody will read.
     */
    @Bean
    TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
