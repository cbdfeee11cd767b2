package dev.lossref.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.core.Evaluation;
import dev.lossref.core.Reduction;
import dev.lossref.core.Tensor;
import dev.lossref.service.LossService;
import dev.lossref.support.JsonLeaves;
import dev.lossref.support.LossHarness;
import dev.lossref.support.ServiceTest;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The finite-difference gradient check, one harness for the whole catalog: for every loss, each of
 * its catalog examples (one per input mode at least) with every model-side input moved to a random
 * nearby point (seeded), under every reduction it documents, each analytic gradient entry is compared with
 * the central difference (f(x + h) - f(x - h)) / 2h, and each second derivative with the central difference
 * of the gradient. The backward pass is checked too under a random weighting of the per-sample losses,
 * value = (1/N) sum_i a_i perSample_i, which every reduction is a case of (sample weights, PyTorch's
 * class-weighted mean, CTC's mean). A loss added to the catalog is checked without new test code.
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
    private static final long WEIGHTING_SEED = 29;
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

    /** A request's evaluation, with or without its gradients. */
    @FunctionalInterface
    private interface Evaluator {
        Evaluation evaluate(ObjectNode request, boolean gradients);
    }

    @BeforeEach
    void setUp() {
        harness = new LossHarness(service, mapper, catalog);
    }

    static Stream<Arguments> examplesAndSeeds() {
        return CatalogNames.examplesWithExactGradients().stream()
                .flatMap(example -> java.util.Arrays.stream(SEEDS)
                        .mapToObj(seed -> Arguments.of(example.get(0), example.get(1), seed)));
    }

    @ParameterizedTest(name = "{0}: {1}, seed {2}")
    @MethodSource("examplesAndSeeds")
    void analyticGradientsMatchCentralDifferences(String loss, String exampleName, long seed) {
        for (String reduction : reductions(loss)) {
            ObjectNode request =
                    harness.nearby(loss, example(loss, exampleName), reduction, new SplittableRandom(seed));
            String where = loss + " " + exampleName + " (" + reduction + ", seed " + seed + ")";
            checkGradients(where, service(loss), request, new SplittableRandom(seed));
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
        for (String reduction : reductions(loss)) {
            ObjectNode request =
                    harness.nearby(loss, example(loss, exampleName), reduction, new SplittableRandom(seed));
            request.put("hessians", true);
            request.remove("newtonStep");
            String where = loss + " " + exampleName + " (" + reduction + ", seed " + seed + ")";
            checkHessians(where, service(loss), request, new SplittableRandom(seed));
        }
    }

    static Stream<Arguments> examples() {
        return CatalogNames.examplesWithExactGradients().stream()
                .map(example -> Arguments.of(example.get(0), example.get(1)));
    }

    /**
     * The backward pass takes one coefficient per sample: under value = (1/N) sum_i a_i perSample_i with random
     * a_i in [0.25, 4), every gradient entry (and second derivative, where the loss has them) matches the
     * central difference of that value.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    void everyWeightingOfThePerSampleLossesHasItsGradient(String loss, String exampleName) {
        String reduction = reductions(loss).get(0);
        ObjectNode request =
                harness.nearby(loss, example(loss, exampleName), reduction, new SplittableRandom(WEIGHTING_SEED));
        int samples = harness.evaluate(loss, request).perSample().length;
        SplittableRandom random = new SplittableRandom(WEIGHTING_SEED);
        Reduction weighting =
                Reduction.meanOfWeighted(random.doubles(samples, 0.25, 4).toArray());
        Evaluator weighted = (body, gradients) -> harness.evaluate(loss, body, weighting, gradients);
        String where = loss + " " + exampleName + " (random weights of the per-sample losses)";
        checkGradients(where, weighted, request, random);
        if (CatalogNames.withHessians().contains(loss)) {
            ObjectNode second = request.deepCopy().put("hessians", true);
            second.remove("newtonStep");
            checkHessians(where, weighted, second, random);
        }
    }

    private ObjectNode example(String loss, String exampleName) {
        return (ObjectNode) catalog.require(loss).descriptor().examples().stream()
                .filter(candidate -> candidate.name().equals(exampleName))
                .map(candidate -> mapper.readTree(candidate.body()))
                .findFirst()
                .orElseThrow();
    }

    private Evaluator service(String loss) {
        return (body, gradients) -> harness.evaluate(loss, body, gradients);
    }

    private void checkHessians(String where, Evaluator evaluator, ObjectNode request, SplittableRandom random) {
        Evaluation analytic = evaluator.evaluate(request, true);
        Map<String, Tensor> gradients = analytic.gradients().asMap();
        assertThat(analytic.hessians().asMap()).as(where + ": hessians").isNotEmpty();
        for (Map.Entry<String, Tensor> hessian : analytic.hessians().asMap().entrySet()) {
            double[] h = hessian.getValue().data();
            for (int k : JsonLeaves.sample(h.length, ENTRIES_PER_INPUT, random)) {
                double numeric = secondDifference(evaluator, request, hessian.getKey(), h.length, gradients, k);
                double error = Math.abs(numeric - h[k])
                        / Math.max(Math.max(Math.abs(numeric), Math.abs(h[k])), ABSOLUTE_FLOOR / MAX_RELATIVE_ERROR);
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

    /**
     * The central difference, in the input that entry k of hessian {@code name} differentiates by, of
     * the gradient entry it differentiates: the diagonal of an input, or a linear model's blocks.
     */
    private static double secondDifference(
            Evaluator evaluator, ObjectNode request, String name, int entries, Map<String, Tensor> gradients, int k) {
        String input = name.equals("weightsBias") ? "bias" : name;
        String gradient = name.equals("weightsBias") ? "weights" : name;
        int d = gradients.get(gradient).data().length;
        boolean block = !name.equals("weightsBias") && d > 1 && entries == d * d;
        int by = name.equals("weightsBias") ? 0 : block ? k % d : k;
        int of = block ? k / d : k;
        double x = JsonLeaves.read(request, input, by);
        double step = STEP * Math.max(1, Math.abs(x));
        ObjectNode plus = request.deepCopy();
        JsonLeaves.write(plus, input, by, x + step);
        ObjectNode minus = request.deepCopy();
        JsonLeaves.write(minus, input, by, x - step);
        double up =
                evaluator.evaluate(plus, true).gradients().asMap().get(gradient).data()[of];
        double down = evaluator
                .evaluate(minus, true)
                .gradients()
                .asMap()
                .get(gradient)
                .data()[of];
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

    private static void checkGradients(String where, Evaluator evaluator, ObjectNode request, SplittableRandom random) {
        Evaluation analytic = evaluator.evaluate(request, true);
        Map<String, Tensor> gradients = analytic.gradients().asMap();
        assertThat(gradients).as(where + ": gradients").isNotEmpty();
        for (Map.Entry<String, Tensor> gradient : gradients.entrySet()) {
            String input = gradient.getKey();
            double[] expected = gradient.getValue().data();
            for (int k : JsonLeaves.sample(expected.length, ENTRIES_PER_INPUT, random)) {
                double numeric = centralDifference(evaluator, request, input, k);
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

    private static double centralDifference(Evaluator evaluator, ObjectNode request, String input, int index) {
        double x = JsonLeaves.read(request, input, index);
        double h = STEP * Math.max(1, Math.abs(x));
        ObjectNode plus = request.deepCopy();
        JsonLeaves.write(plus, input, index, x + h);
        ObjectNode minus = request.deepCopy();
        JsonLeaves.write(minus, input, index, x - h);
        return (evaluator.evaluate(plus, false).value()
                        - evaluator.evaluate(minus, false).value())
                / (2 * h);
    }
}
