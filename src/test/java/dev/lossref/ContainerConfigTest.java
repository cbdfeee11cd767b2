package dev.lossref;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * The container files agree with the application: the compose file parses, publishes the port the
 * application listens on, and its health check and the Dockerfile's ask a path the application serves.
 */
@ServiceTest
class ContainerConfigTest {

    @LocalServerPort
    private int port;

    @Test
    @SuppressWarnings("unchecked")
    void composeFilePublishesTheServerPortAndChecksAServedHealthPath() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
        Map<String, Object> service =
                (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("loss-service");

        List<String> ports = (List<String>) service.get("ports");
        assertThat(ports).containsExactly(serverPort() + ":" + serverPort());
        assertThat(service.get("read_only")).isEqualTo(true);
        assertThat(service).containsKeys("restart", "mem_limit", "healthcheck");

        List<String> test = (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
        assertServed(urlIn(String.join(" ", test)));
    }

    @Test
    void dockerfileHealthcheckAsksAServedPathOnTheExposedPort() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));

        assertThat(dockerfile)
                .contains("EXPOSE " + serverPort())
                .contains("ARG BUILD_IMAGE=")
                .contains("ARG RUN_IMAGE=")
                .containsPattern("USER [1-9][0-9]*:[1-9][0-9]*");
        String healthcheck = dockerfile.substring(dockerfile.indexOf("HEALTHCHECK"));
        URI url = urlIn(healthcheck);
        assertThat(url.getPort()).isEqualTo(serverPort());
        assertServed(url);
    }

    private void assertServed(URI url) {
        Http.Response response = new Http(port).get(url.getPath());
        assertThat(response.status()).as(url.getPath()).isEqualTo(200);
    }

    private static URI urlIn(String text) {
        Matcher matcher = Pattern.compile("http://[^\" ]+").matcher(text);
        assertThat(matcher.find()).as("a URL in " + text).isTrue();
        return URI.create(matcher.group());
    }

    private static int serverPort() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return Integer.parseInt(properties.getProperty("server.port"));
    }
}
