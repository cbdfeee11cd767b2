package dev.lossref.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.core.Evaluation;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Tensor;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.WorkLimitExceededException;
import dev.lossref.service.LossService;
import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standing attack suite, in process: every catalog example of every loss with each of its number inputs
 * scaled to the ends of float64 (1e150, 1e300, 1e-300, 5e-324, -0), each of its number hyperparameters at
 * the ends of its range (and at the largest float64 where a range is open), both together, with and without
 * second derivatives. Every request either answers with finite numbers only, or is refused as a client's
 * error is (invalid input 400, not representable 422, too much work 413); nothing else, and never a 5xx.
 */
@ServiceTest
class AttackSweepTest {

    private static final double[] SCALES = {1e150, 1e300, Double.MAX_VALUE, -1e300, 1e-150, 1e-300, 5e-324, -0.0};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static long requests;
    private static long answered;
    /** What the answers' own finiteness check caught, by loss: where a loss's arithmetic gave up. */
    private static final Map<String, List<String>> caught = new java.util.TreeMap<>();

    @LocalServerPort
    private int port;

    @Autowired
    private Catalog catalog;

    @Autowired
    private LossService service;

    @Autowired
    private JsonMapper mapper;

    static Stream<String> losses() {
        return CatalogNames.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void everyExtremeRequestIsAnsweredFinitelyOrRefusedAsTheClientsError(String loss) {
        LossDescriptor descriptor = catalog.require(loss).descriptor();
        List<String> failures = new ArrayList<>();
        for (Example example : descriptor.examples()) {
            ObjectNode base = (ObjectNode) mapper.readTree(example.body());
            for (ObjectNode scaled : scaledInputs(descriptor, base)) {
                for (ObjectNode extreme : extremeHyperparameters(descriptor, scaled)) {
                    for (ObjectNode request : secondOrder(descriptor, extreme)) {
                        String failure = attack(loss, request);
                        if (failure != null && failures.size() < 10) {
                            failures.add(failure + "\n    request: " + abbreviated(request));
                        }
                    }
                }
            }
        }
        assertThat(failures).as(loss).isEmpty();
    }

    /**
     * Every loss's curve, as JSON and SVG, over ranges at the ends of float64 and with each hyperparameter at
     * the ends of its range: a 200 of finite numbers and coordinates, or a problem (400 or 422), never a 5xx.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void everyCurveAtTheEndsOfFloat64IsFiniteOrAProblem(String loss) {
        LossDescriptor descriptor = catalog.require(loss).descriptor();
        List<String> queries = new ArrayList<>();
        for (String range : List.of(
                "from=0&to=5e-324",
                "from=-1e-300&to=1e-300",
                "from=-1e308&to=1.7e308",
                "from=-1.7976931348623157e308&to=1.7976931348623157e308",
                "from=1e300&to=1.7976931348623157e308")) {
            queries.add(range + "&points=5");
        }
        for (Hyperparameter parameter : descriptor.hyperparameters()) {
            for (Number end : ends(parameter)) {
                queries.add("points=5&" + parameter.name() + "=" + end);
            }
        }
        boolean second = catalog.require(loss).hasSecondDerivativeAlongCurve();
        List<String> failures = new ArrayList<>();
        for (String query : queries) {
            for (String variant : second ? List.of(query, query + "&secondDerivative=true") : List.of(query)) {
                for (String path : List.of("/curve?", "/curve.svg?")) {
                    requests++;
                    Http.Response response = http().get("/losses/" + loss + path + variant);
                    boolean problem = (response.status() == 400 || response.status() == 422)
                            && response.contentType().startsWith("application/problem+json");
                    boolean finite = response.status() == 200
                            && !response.body().contains("NaN")
                            && !response.body().contains("Infinity");
                    if (finite) {
                        answered++;
                    } else if (!problem && failures.size() < 10) {
                        failures.add(response.status() + " " + path + variant + ": " + response.body());
                    }
                }
            }
        }
        assertThat(failures).as(loss).isEmpty();
    }

    private Http http() {
        return new Http(port);
    }

    @AfterAll
    static void report() {
        System.out.printf(
                "attack sweep: %d requests, %d answered, the rest refused as client errors%n", requests, answered);
        caught.forEach((loss, examples) -> System.out.printf(
                "  refused as not representable (422) in %s:%n    %s%n", loss, String.join("\n    ", examples)));
    }

    /** Null when the request is answered with finite numbers or refused as a client's error; else what went wrong. */
    private String attack(String loss, ObjectNode request) {
        requests++;
        String json = mapper.writeValueAsString(request);
        try {
            Evaluation evaluation = service.evaluate(
                            loss, type -> mapper.readerFor(type).readValue(json))
                    .evaluation();
            answered++;
            return nonFinite(evaluation);
        } catch (UnrepresentableResultException refused) {
            if (refused.getMessage().contains("for this input")) {
                List<String> list = caught.computeIfAbsent(loss, key -> new ArrayList<>());
                if (list.size() < 3) {
                    list.add(refused.getMessage() + " <- " + abbreviated(request));
                }
            }
            return null;
        } catch (InvalidInputException | WorkLimitExceededException refused) {
            return null;
        } catch (RuntimeException failure) {
            return failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
    }

    private static String nonFinite(Evaluation evaluation) {
        List<Map.Entry<String, Tensor>> outputs = new ArrayList<>();
        outputs.add(Map.entry("value", Tensor.scalar(evaluation.value())));
        outputs.add(Map.entry("perSample", evaluation.perSampleTensor()));
        if (evaluation.gradients() != null) {
            evaluation
                    .gradients()
                    .asMap()
                    .forEach((name, tensor) -> outputs.add(Map.entry("gradients." + name, tensor)));
        }
        if (evaluation.hessians() != null) {
            evaluation.hessians().asMap().forEach((name, tensor) -> outputs.add(Map.entry("hessians." + name, tensor)));
        }
        evaluation.extras().forEach((name, tensor) -> outputs.add(Map.entry(name, tensor)));
        for (Map.Entry<String, Tensor> output : outputs) {
            for (double number : output.getValue().data()) {
                if (!Double.isFinite(number)) {
                    return "an answer holds " + number + " in " + output.getKey();
                }
            }
        }
        return null;
    }

    /** The request as it is, and with each of its number inputs scaled by each of the extreme factors. */
    private static List<ObjectNode> scaledInputs(LossDescriptor descriptor, ObjectNode base) {
        List<ObjectNode> variants = new ArrayList<>();
        variants.add(base);
        for (InputSpec input : descriptor.inputs()) {
            if (input.kind() != InputSpec.Kind.NUMBER || !base.has(input.name())) {
                continue;
            }
            for (double scale : SCALES) {
                ObjectNode variant = base.deepCopy();
                variant.set(input.name(), scaled(base.get(input.name()), scale));
                variants.add(variant);
            }
        }
        for (double scale : SCALES) {
            ObjectNode variant = base.deepCopy();
            for (InputSpec input : descriptor.inputs()) {
                if (input.kind() == InputSpec.Kind.NUMBER && base.has(input.name())) {
                    variant.set(input.name(), scaled(base.get(input.name()), scale));
                }
            }
            variants.add(variant);
        }
        return variants;
    }

    private static JsonNode scaled(JsonNode node, double scale) {
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(child -> copy.add(scaled(child, scale)));
            return copy;
        }
        if (!node.isNumber()) {
            return node;
        }
        double value = node.asDouble() * scale;
        return NODES.numberNode(Double.isFinite(value) ? value : Math.copySign(Double.MAX_VALUE, value));
    }

    /** The request as it is, and with each number hyperparameter at each end of its range. */
    private static List<ObjectNode> extremeHyperparameters(LossDescriptor descriptor, ObjectNode base) {
        List<ObjectNode> variants = new ArrayList<>();
        variants.add(base);
        for (Hyperparameter parameter : descriptor.hyperparameters()) {
            for (Number end : ends(parameter)) {
                ObjectNode variant = base.deepCopy();
                if (end instanceof Integer integer) {
                    variant.put(parameter.name(), integer);
                } else {
                    variant.put(parameter.name(), end.doubleValue());
                }
                variants.add(variant);
            }
        }
        return variants;
    }

    /** The ends of a number's range: its bounds (just inside an open one), or float64's ends where it has none. */
    private static List<Number> ends(Hyperparameter parameter) {
        List<Number> ends = new ArrayList<>();
        if (parameter.type().equals("integer")) {
            BigDecimal minimum = parameter.minimum();
            if (minimum != null) {
                ends.add(minimum.intValue());
            }
            ends.add(
                    parameter.maximum() == null
                            ? Integer.MAX_VALUE
                            : parameter.maximum().intValue());
        } else if (parameter.type().equals("number")) {
            if (parameter.minimum() == null) {
                ends.add(-Double.MAX_VALUE);
            } else {
                double low = parameter.minimum().doubleValue();
                ends.add(parameter.exclusiveMinimum() ? Math.nextUp(low) : low);
            }
            if (parameter.maximum() == null) {
                ends.add(Double.MAX_VALUE);
            } else {
                double high = parameter.maximum().doubleValue();
                ends.add(parameter.exclusiveMaximum() ? Math.nextDown(high) : high);
            }
        }
        return ends;
    }

    /** The request as it is and, where the loss has second derivatives, with them. */
    private static List<ObjectNode> secondOrder(LossDescriptor descriptor, ObjectNode base) {
        List<ObjectNode> variants = new ArrayList<>();
        variants.add(base);
        if (descriptor.hyperparameter("hessians").isPresent() && !base.has("hessians")) {
            variants.add(base.deepCopy().put("hessians", true));
        }
        if (descriptor.hyperparameter("newtonStep").isPresent() && base.has("features") && !base.has("newtonStep")) {
            variants.add(base.deepCopy().put("newtonStep", true));
        }
        return variants;
    }

    private static String abbreviated(ObjectNode request) {
        String text = request.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
