package dev.lossref;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests and the scaled compose profile agree with the application: the container
 * port is the server's, every probe asks a path the application serves, the Service and the
 * autoscaler point at the Deployment, and the pod runs with a restricted security context.
 */
@ServiceTest
@SuppressWarnings("unchecked")
class DeploymentManifestsTest {

    private static final Path KUBERNETES = Path.of("deploy/kubernetes");

    @LocalServerPort
    private int port;

    @Test
    void deploymentProbesAskServedPathsOnTheServerPort() throws IOException {
        Map<String, Object> deployment = load("deployment.yaml");
        Map<String, Object> pod = (Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template")).get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);

        Map<String, Object> http = ((List<Map<String, Object>>) container.get("ports")).get(0);
        assertThat(http.get("containerPort")).isEqualTo(serverPort());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet");
            assertThat(get.get("port")).as(probe).isIn(http.get("name"), serverPort());
            assertThat(new Http(port).get((String) get.get("path")).status())
                    .as(probe + " " + get.get("path"))
                    .isEqualTo(200);
        }
        assertThat(container).containsKey("resources");
        Map<String, Object> security = (Map<String, Object>) container.get("securityContext");
        assertThat(security)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat((Map<String, Object>) pod.get("securityContext"))
                .containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", 10001);
    }

    @Test
    void serviceAndAutoscalerPointAtTheDeployment() throws IOException {
        Map<String, Object> deployment = load("deployment.yaml");
        Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>)
                        ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template"))
                                .get("metadata"))
                .get("labels");
        Map<String, Object> service = (Map<String, Object>) load("service.yaml").get("spec");
        assertThat(labels).containsAllEntriesOf((Map<String, Object>) service.get("selector"));
        assertThat(((List<Map<String, Object>>) service.get("ports")).get(0).get("targetPort"))
                .isEqualTo("http");

        Map<String, Object> target =
                (Map<String, Object>) ((Map<String, Object>) load("hpa.yaml").get("spec")).get("scaleTargetRef");
        assertThat(target)
                .containsEntry("kind", "Deployment")
                .containsEntry("name", ((Map<String, Object>) deployment.get("metadata")).get("name"));
    }

    @Test
    void scaledComposeProfileBalancesReplicasOnTheServerPort() throws IOException {
        Map<String, Object> services = (Map<String, Object>)
                ((Map<String, Object>) new Yaml().load(Files.readString(Path.of("docker-compose.yml"))))
                        .get("services");
        Map<String, Object> replica = (Map<String, Object>) services.get("loss-service-replica");
        assertThat((List<String>) replica.get("profiles")).containsExactly("scaled");
        assertThat((Map<String, Object>) replica.get("deploy")).containsKey("replicas");
        assertThat(replica.get("read_only")).isEqualTo(true);
        assertThat(Files.readString(Path.of("deploy/compose/nginx.conf")))
                .contains("server loss-service-replica:" + serverPort() + ";");
    }

    private static Map<String, Object> load(String file) throws IOException {
        return new Yaml().load(Files.readString(KUBERNETES.resolve(file)));
    }

    private static int serverPort() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return Integer.parseInt(properties.getProperty("server.port"));
    }
}
