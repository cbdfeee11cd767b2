package dev.lossref.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lossref.core.Evaluation;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Tensor;
import dev.lossref.service.LossService;
import dev.lossref.support.LossHarness;
import dev.lossref.support.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The finite-difference gradient check, one harness for the whole catalog: for every loss, each of
 * its catalog examples (one per input mode at least) with every model-side input moved to a random
 * nearby point (seeded), under every reduction it documents, each analytic gradient entry is compared with the central
 * difference
 * (f(x + h) - f(x - h)) / 2h. A loss added to the catalog is checked without new test code.
 *
 * <p>Tolerances follow DL4J's LossFunctionGradientCheck: h = 1e-6 (relative to |x| above 1),
 * relative error at most 1e-5 with an absolute floor of 1e-8.
 */
@ServiceTest
class GradientCheckTest {

    private static final double STEP = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-5;
    private static final double ABSOLUTE_FLOOR = 1e-8;
    private static final int ENTRIES_PER_INPUT = 40;
    private static final long[] SEEDS = {11, 12, 13};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static double largestError;
    private static String largestErrorAt = "";
    private static double largestSecondOrderError;
    private static String largestSecondOrderErrorAt = "";

    @Autowired
    private Catalog catalog;

    @Autowired
    private JsonMapper mapper;

    @Autowired
    private LossService service;

    private LossHarness harness;

    @BeforeEach
    void setUp() {
        harness = new LossHarness(service, mapper);
    }

    static Stream<Arguments> examplesAndSeeds() {
        return CatalogNames.examplesWithExactGradients().stream()
                .flatMap(example -> java.util.Arrays.stream(SEEDS)
                        .mapToObj(seed -> Arguments.of(example.get(0), example.get(1), seed)));
    }

    @ParameterizedTest(name = "{0}: {1}, seed {2}")
    @MethodSource("examplesAndSeeds")
    void analyticGradientsMatchCentralDifferences(String loss, String exampleName, long seed) {
        JsonNode example = catalog.require(loss).descriptor().examples().stream()
                .filter(candidate -> candidate.name().equals(exampleName))
                .map(candidate -> mapper.readTree(candidate.body()))
                .findFirst()
                .orElseThrow();
        for (String reduction : reductions(loss)) {
            ObjectNode request = randomNearby(loss, (ObjectNode) example, reduction, new SplittableRandom(seed));
            String where = loss + " " + exampleName + " (" + reduction + ", seed " + seed + ")";
            checkGradients(where, loss, request, new SplittableRandom(seed));
        }
    }

    static Stream<Arguments> secondOrderExamplesAndSeeds() {
        return examplesAndSeeds()
                .filter(arguments ->
                        CatalogNames.withHessians().contains((String) arguments.get()[0]));
    }

    /**
     * Every second derivative the service returns against central differences of its own gradient:
     * a diagonal entry h_k of input x against (g_k(x + h e_k) - g_k(x - h e_k)) / 2h, a linear model's
     * block entry d^2 value / dw_j dw_k against the difference of g_wj in w_k, weightsBias in b.
     */
    @ParameterizedTest(name = "{0}: {1}, seed {2}")
    @MethodSource("secondOrderExamplesAndSeeds")
    void analyticHessiansMatchCentralDifferencesOfTheGradient(String loss, String exampleName, long seed) {
        ObjectNode example = (ObjectNode) catalog.require(loss).descriptor().examples().stream()
                .filter(candidate -> candidate.name().equals(exampleName))
                .map(candidate -> mapper.readTree(candidate.body()))
                .findFirst()
                .orElseThrow();
        for (String reduction : reductions(loss)) {
            ObjectNode request = randomNearby(loss, example, reduction, new SplittableRandom(seed));
            request.put("hessians", true);
            request.remove("newtonStep");
            String where = loss + " " + exampleName + " (" + reduction + ", seed " + seed + ")";
            Evaluation analytic = harness.evaluate(loss, request);
            Map<String, Tensor> gradients = analytic.gradients().asMap();
            assertThat(analytic.hessians().asMap()).as(where + ": hessians").isNotEmpty();
            SplittableRandom random = new SplittableRandom(seed);
            for (Map.Entry<String, Tensor> hessian : analytic.hessians().asMap().entrySet()) {
                double[] h = hessian.getValue().data();
                for (int k : sample(h.length, random)) {
                    double numeric = secondDifference(loss, request, hessian.getKey(), h.length, gradients, k);
                    double error = Math.abs(numeric - h[k])
                            / Math.max(
                                    Math.max(Math.abs(numeric), Math.abs(h[k])), ABSOLUTE_FLOOR / MAX_RELATIVE_ERROR);
                    if (error > largestSecondOrderError) {
                        largestSecondOrderError = error;
                        largestSecondOrderErrorAt = where + " hessians." + hessian.getKey() + "[" + k + "]";
                    }
                    assertThat(error)
                            .as(
                                    "%s: hessians.%s[%d]: analytic %s, central difference of the gradient %s",
                                    where, hessian.getKey(), k, h[k], numeric)
                            .isLessThanOrEqualTo(MAX_RELATIVE_ERROR);
                }
            }
        }
    }

    /**
     * The central difference, in the input that entry k of hessian {@code name} differentiates by, of
     * the gradient entry it differentiates: the diagonal of an input, or a linear model's blocks.
     */
    private double secondDifference(
            String loss, ObjectNode request, String name, int entries, Map<String, Tensor> gradients, int k) {
        String input = name.equals("weightsBias") ? "bias" : name;
        String gradient = name.equals("weightsBias") ? "weights" : name;
        int d = gradients.get(gradient).data().length;
        boolean block = !name.equals("weightsBias") && d > 1 && entries == d * d;
        int by = name.equals("weightsBias") ? 0 : block ? k % d : k;
        int of = block ? k / d : k;
        double x = read(request, input, by);
        double step = STEP * Math.max(1, Math.abs(x));
        ObjectNode plus = request.deepCopy();
        write(plus, input, by, x + step);
        ObjectNode minus = request.deepCopy();
        write(minus, input, by, x - step);
        double up =
                harness.evaluate(loss, plus).gradients().asMap().get(gradient).data()[of];
        double down =
                harness.evaluate(loss, minus).gradients().asMap().get(gradient).data()[of];
        return (up - down) / (2 * step);
    }

    /** Every reduction the loss documents. */
    private List<String> reductions(String loss) {
        return catalog.require(loss).descriptor().hyperparameters().stream()
                .filter(parameter -> parameter.name().equals("reduction"))
                .flatMap(parameter -> parameter.allowedValues().stream())
                .toList();
    }

    @AfterAll
    static void report() {
        System.out.printf("gradient check: largest relative error %.3g at %s%n", largestError, largestErrorAt);
        System.out.printf(
                "second-derivative check: largest relative error %.3g at %s%n",
                largestSecondOrderError, largestSecondOrderErrorAt);
    }

    private void checkGradients(String where, String loss, ObjectNode request, SplittableRandom random) {
        Evaluation analytic = harness.evaluate(loss, request);
        Map<String, Tensor> gradients = analytic.gradients().asMap();
        assertThat(gradients).as(where + ": gradients").isNotEmpty();
        for (Map.Entry<String, Tensor> gradient : gradients.entrySet()) {
            String input = gradient.getKey();
            double[] expected = gradient.getValue().data();
            int[] entries = sample(expected.length, random);
            for (int k : entries) {
                double numeric = centralDifference(loss, request, input, k);
                double error = Math.abs(numeric - expected[k])
                        / Math.max(
                                Math.max(Math.abs(numeric), Math.abs(expected[k])),
                                ABSOLUTE_FLOOR / MAX_RELATIVE_ERROR);
                if (error > largestError) {
                    largestError = error;
                    largestErrorAt = where + " " + input + "[" + k + "]";
                }
                assertThat(error)
                        .as(
                                "%s: d value / d %s[%d]: analytic %s, central difference %s",
                                where, input, k, expected[k], numeric)
                        .isLessThanOrEqualTo(MAX_RELATIVE_ERROR);
            }
        }
    }

    private double centralDifference(String loss, ObjectNode request, String input, int index) {
        double x = read(request, input, index);
        double h = STEP * Math.max(1, Math.abs(x));
        ObjectNode plus = request.deepCopy();
        write(plus, input, index, x + h);
        ObjectNode minus = request.deepCopy();
        write(minus, input, index, x - h);
        return (harness.evaluate(loss, plus, false).value()
                        - harness.evaluate(loss, minus, false).value())
                / (2 * h);
    }

    /** The example with noise added to every model-side input; a smaller step where the noise left the domain. */
    private ObjectNode randomNearby(String loss, ObjectNode example, String reduction, SplittableRandom random) {
        ObjectNode base = example.deepCopy();
        base.put("reduction", reduction);
        Evaluation atExample = harness.evaluate(loss, base);
        for (double spread = 0.3; spread > 1e-3; spread /= 3) {
            ObjectNode candidate = base.deepCopy();
            for (String input : atExample.gradients().asMap().keySet()) {
                JsonNode value = candidate.has(input) ? candidate.get(input) : NODES.numberNode(0.0);
                candidate.set(input, perturb(value, spread, random));
            }
            try {
                harness.evaluate(loss, candidate);
                return candidate;
            } catch (InvalidInputException outsideDomain) {
                // The noise moved an input out of its domain (a probability above 1, say): retry closer.
            }
        }
        return fail("no valid random request near the example of " + loss);
    }

    private static JsonNode perturb(JsonNode node, double spread, SplittableRandom random) {
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(child -> copy.add(perturb(child, spread, random)));
            return copy;
        }
        double gaussian =
                Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        return NODES.numberNode(node.asDouble() + spread * gaussian);
    }

    private static int[] sample(int length, SplittableRandom random) {
        if (length <= ENTRIES_PER_INPUT) {
            return java.util.stream.IntStream.range(0, length).toArray();
        }
        return random.ints(ENTRIES_PER_INPUT, 0, length).toArray();
    }

    private static double read(ObjectNode request, String input, int index) {
        List<JsonNode> leaves = leaves(request.get(input));
        return leaves.get(index).asDouble();
    }

    private static void write(ObjectNode request, String input, int index, double value) {
        JsonNode node = request.get(input);
        if (!node.isArray()) {
            request.put(input, value);
            return;
        }
        int[] counter = {0};
        replace((ArrayNode) node, index, value, counter);
    }

    private static boolean replace(ArrayNode array, int index, double value, int[] counter) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode child = array.get(i);
            if (child.isArray()) {
                if (replace((ArrayNode) child, index, value, counter)) {
                    return true;
                }
            } else if (counter[0]++ == index) {
                array.set(i, NODES.numberNode(value));
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> leaves(JsonNode node) {
        List<JsonNode> leaves = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(child -> leaves.addAll(leaves(child)));
        } else {
            leaves.add(node);
        }
        return leaves;
    }
}
