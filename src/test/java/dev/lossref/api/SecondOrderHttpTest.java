package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Second derivatives and Newton steps over HTTP (docs/http-api.md 6): one step of least squares lands on the
 * normal equations' solution, repeated steps of logistic regression reach scikit-learn's
 * coefficients, and every misuse is answered as the contract says.
 */
@ServiceTest
class SecondOrderHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    /**
     * The square loss is quadratic in (w, b), so one Newton step from any start is its minimiser: the
     * solution of the normal equations, here solved independently by Gaussian elimination.
     */
    @ParameterizedTest(name = "l2 {0}, {1}, seed {2}")
    @CsvSource({"0, sum, 1", "0, mean, 2", "0.5, sum, 3", "3, mean, 4"})
    void oneNewtonStepOfSquareLossLandsOnTheRidgeSolution(double l2, String reduction, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 25;
        int d = 4;
        double[][] x = new double[n][d];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = random.nextDouble(-2, 2);
            }
            t[i] = random.nextDouble(-3, 3);
        }
        double[] start = {
            random.nextDouble(-5, 5), random.nextDouble(-5, 5), random.nextDouble(-5, 5), random.nextDouble(-5, 5)
        };
        double bias = random.nextDouble(-5, 5);
        ObjectNode request = JSON.createObjectNode();
        request.set("features", JSON.valueToTree(x));
        request.set("weights", JSON.valueToTree(start));
        request.put("bias", bias).put("l2", l2).put("reduction", reduction).put("newtonStep", true);
        request.set("targets", JSON.valueToTree(t));

        JsonNode answer = http.post("/losses/square", request.toString()).json();
        assertThat(answer.has("hessians")).as("hessians only when asked for").isFalse();

        // (2 c A^T A + l2 P) theta = 2 c A^T t with A = [X 1], c = 1 or 1/N, P = diag(1, ..., 1, 0).
        double c = reduction.equals("sum") ? 1 : 1.0 / n;
        double[][] system = new double[d + 1][d + 2];
        for (int i = 0; i < n; i++) {
            double[] row = new double[d + 1];
            System.arraycopy(x[i], 0, row, 0, d);
            row[d] = 1;
            for (int j = 0; j <= d; j++) {
                for (int k = 0; k <= d; k++) {
                    system[j][k] += 2 * c * row[j] * row[k];
                }
                system[j][d + 1] += 2 * c * row[j] * t[i];
            }
        }
        for (int j = 0; j < d; j++) {
            system[j][j] += l2;
        }
        double[] solution = gaussianElimination(system);
        for (int j = 0; j < d; j++) {
            double landed =
                    start[j] + answer.path("newtonStep").path("weights").get(j).asDouble();
            assertThat(landed).as("w[%d]", j).isCloseTo(solution[j], within(1e-9 * Math.max(1, Math.abs(solution[j]))));
        }
        double landedBias = bias + answer.path("newtonStep").path("bias").asDouble();
        assertThat(landedBias).isCloseTo(solution[d], within(1e-9 * Math.max(1, Math.abs(solution[d]))));
    }

    /** IRLS: Newton steps of binary cross-entropy (reduction sum, l2) converge to LogisticRegression(C = 1 / l2). */
    @Test
    void newtonStepsOfLogisticRegressionReachScikitLearnsCoefficients() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/newton/logistic-regression.json")) {
            JsonNode golden = JSON.readTree(in);
            assertThat(golden.path("cases").size()).isEqualTo(2);
            for (JsonNode reference : golden.path("cases")) {
                int d = reference.path("weights").size();
                double[] w = new double[d];
                double b = 0;
                int steps = 0;
                double largestStep = Double.POSITIVE_INFINITY;
                while (largestStep > 1e-13 && steps < 30) {
                    ObjectNode request = JSON.createObjectNode();
                    request.set("features", reference.path("features"));
                    request.set("targets", reference.path("targets"));
                    request.set("weights", JSON.valueToTree(w));
                    request.put("bias", b)
                            .put("l2", reference.path("l2").asDouble())
                            .put("reduction", "sum")
                            .put("newtonStep", true);
                    Http.Response response = http.post("/losses/binary-cross-entropy", request.toString());
                    assertThat(response.status()).as(response.body()).isEqualTo(200);
                    JsonNode step = response.json().path("newtonStep");
                    largestStep = Math.abs(step.path("bias").asDouble());
                    for (int j = 0; j < d; j++) {
                        w[j] += step.path("weights").get(j).asDouble();
                        largestStep = Math.max(
                                largestStep,
                                Math.abs(step.path("weights").get(j).asDouble()));
                    }
                    b += step.path("bias").asDouble();
                    steps++;
                }
                assertThat(steps).as("Newton converges quadratically").isLessThan(15);
                for (int j = 0; j < d; j++) {
                    assertThat(w[j])
                            .as("%s: w[%d]", reference.path("name").asString(), j)
                            .isCloseTo(reference.path("weights").get(j).asDouble(), within(1e-6));
                }
                assertThat(b).isCloseTo(reference.path("bias").asDouble(), within(1e-6));
            }
        }
    }

    @Test
    void softmaxHessianIsTheRowDiagonalAndHalfOfXgboostsBound() {
        JsonNode answer = http.post(
                        "/losses/softmax-cross-entropy", "{\"logits\": [[0, 0]], \"labels\": [0], \"hessians\": true}")
                .json();

        // Two equal logits: p = 1/2, so the diagonal is p (1 - p) = 1/4 (XGBoost's hess would be 2 p (1 - p)).
        assertThat(answer.path("hessians").path("logits").get(0).get(0).asDouble())
                .isEqualTo(0.25);
        assertThat(answer.path("hessians").path("logits").get(0).get(1).asDouble())
                .isEqualTo(0.25);
        assertThat(answer.path("gradients").path("logits").get(0).get(0).asDouble())
                .isEqualTo(-0.5);
    }

    @Test
    void hessiansAreScaledByTheReductionAsTheGradients() {
        String body = "\"scores\": [0.5, -1.0, 2.0, 0.0], \"labels\": [1, 1, -1, -1], \"hessians\": true";
        JsonNode mean = http.post("/losses/exponential", "{" + body + "}").json();
        JsonNode sum = http.post("/losses/exponential", "{" + body + ", \"reduction\": \"sum\"}")
                .json();

        for (int i = 0; i < 4; i++) {
            double margin = new double[] {0.5, -1.0, -2.0, 0.0}[i];
            assertThat(sum.path("hessians").path("scores").get(i).asDouble())
                    .isCloseTo(Math.exp(-margin), within(1e-15));
            assertThat(mean.path("hessians").path("scores").get(i).asDouble())
                    .isCloseTo(Math.exp(-margin) / 4, within(1e-15));
        }
    }

    @Test
    void linearModelHessianHasTheThreeBlocks() {
        JsonNode answer = http.post(
                        "/losses/square",
                        "{\"features\": [[1, 2], [3, 4]], \"weights\": [0, 0], \"targets\": [1, 2], \"l2\": 0.5, "
                                + "\"reduction\": \"sum\", \"hessians\": true}")
                .json();

        // 2 X^T X + l2 I, 2 * N, 2 X^T 1.
        JsonNode hessians = answer.path("hessians");
        assertThat(hessians.path("weights").toString()).isEqualTo("[[20.5,28.0],[28.0,40.5]]");
        assertThat(hessians.path("bias").asDouble()).isEqualTo(4.0);
        assertThat(hessians.path("weightsBias").toString()).isEqualTo("[8.0,12.0]");
        assertThat(answer.has("newtonStep")).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            hinge | {"features": [[1, 2], [2, -1], [-1, 0.5]], "weights": [0.4, -0.3], "labels": [1, 1, -1], "l2": 1, \
            "newtonStep": true}
            zero-one | {"features": [[1, 2], [2, -1], [-1, 0.5]], "weights": [0.4, -0.3], "labels": [1, 1, -1], \
            "l2": 1, "newtonStep": true}
            square | {"features": [[1, 2], [2, 4], [3, 6]], "weights": [0, 0], "targets": [1, 2, 3], "newtonStep": true}
            """)
    void aHessianThatIsNotPositiveDefiniteIs422NamingNewtonStep(String loss, String body) {
        Http.Response response = http.post("/losses/" + loss, body);

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("newtonStep");
        assertThat(response.json().path("detail").asString()).contains("not positive definite");
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            arcface | {"cosines": [[0.5, 0.1]], "labels": [0], "hessians": true} | hessians
            triplet | {"anchors": [[0]], "positives": [[1]], "negatives": [[2]], "hessians": true} | hessians
            softmax-cross-entropy | {"logits": [[1, 2]], "labels": [0], "newtonStep": true} | newtonStep
            hinge | {"scores": [1], "labels": [1], "hessians": true, "gradients": false} | hessians
            square | {"features": [[1]], "weights": [1], "targets": [1], "newtonStep": true, \
            "gradients": false} | newtonStep
            hinge | {"scores": [1], "labels": [1], "newtonStep": true} | newtonStep
            hinge | {"scores": [1], "labels": [1], "newtonStep": false} | newtonStep
            focal | {"logits": [1], "labels": [1], "hessians": 1} | hessians
            """)
    void misuseIs400NamingTheField(String loss, String body, String field) {
        Http.Response response = http.post("/losses/" + loss, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly(field);
    }

    @Test
    void focalOnProbabilitiesRefusesAnUnboundedSecondDerivative() {
        Http.Response response = http.post(
                "/losses/focal",
                "{\"probabilities\": [0.5, 1.0], \"labels\": [1, 1], \"gamma\": 0.5, \"hessians\": true}");

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.errorFields()).containsExactly("probabilities[1]");
        assertThat(http.post("/losses/focal", "{\"probabilities\": [0.5, 1.0], \"labels\": [1, 1], \"gamma\": 0.5}")
                        .status())
                .as("without hessians the same request is fine")
                .isEqualTo(200);
    }

    private static double[] gaussianElimination(double[][] augmented) {
        int size = augmented.length;
        for (int column = 0; column < size; column++) {
            int pivot = column;
            for (int row = column + 1; row < size; row++) {
                if (Math.abs(augmented[row][column]) > Math.abs(augmented[pivot][column])) {
                    pivot = row;
                }
            }
            double[] swap = augmented[column];
            augmented[column] = augmented[pivot];
            augmented[pivot] = swap;
            for (int row = column + 1; row < size; row++) {
                double factor = augmented[row][column] / augmented[column][column];
                for (int k = column; k <= size; k++) {
                    augmented[row][k] -= factor * augmented[column][k];
                }
            }
        }
        double[] solution = new double[size];
        for (int row = size - 1; row >= 0; row--) {
            double sum = augmented[row][size];
            for (int k = row + 1; k < size; k++) {
                sum -= augmented[row][k] * solution[k];
            }
            solution[row] = sum / augmented[row][row];
        }
        return solution;
    }
}
