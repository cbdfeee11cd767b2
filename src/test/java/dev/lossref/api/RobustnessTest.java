package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.support.Http;
import dev.lossref.support.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded random requests over every loss endpoint, over HTTP. Random valid requests (every catalog
 * example, moved to a random nearby point) answer 200 with finite numbers and gradients shaped like
 * their inputs; random corruptions of them answer 4xx problem details. Nothing answers 5xx, and no
 * answer carries a stack trace, a class name or an internal path.
 *
 * <p>{@code ./mvnw verify} runs {@value #DEFAULT_SEEDS} seeds per example and corruption; a long run
 * sets more: {@code ./mvnw verify -Dtest=RobustnessTest -Dlosses.robustness.seeds=500}.
 */
@ServiceTest
class RobustnessTest {

    static final int DEFAULT_SEEDS = 2;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    private Catalog catalog;

    /** A corruption: the example's body and a random source in, a request body out. */
    private record Corruption(
            String name, boolean alwaysInvalid, BiFunction<ObjectNode, SplittableRandom, String> apply) {}

    @TestFactory
    Stream<DynamicTest> randomValidRequestsAnswer200WithFiniteNumbers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (LossDescriptor loss : catalog.descriptors()) {
            for (Example example : loss.examples()) {
                for (int seed = 0; seed < seeds(); seed++) {
                    long s = seed;
                    tests.add(DynamicTest.dynamicTest(
                            loss.name() + " / " + example.name() + " / seed " + seed,
                            () -> validRequest(loss.name(), (ObjectNode) JSON.readTree(example.body()), s)));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> corruptedRequestsAnswer4xxProblems() {
        List<DynamicTest> tests = new ArrayList<>();
        for (LossDescriptor loss : catalog.descriptors()) {
            for (Example example : loss.examples()) {
                for (Corruption corruption : corruptions()) {
                    for (int seed = 0; seed < seeds(); seed++) {
                        long s = seed;
                        tests.add(DynamicTest.dynamicTest(
                                loss.name() + " / " + example.name() + " / " + corruption.name() + " / seed " + seed,
                                () -> corruptedRequest(
                                        loss.name(), (ObjectNode) JSON.readTree(example.body()), corruption, s)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private void validRequest(String loss, ObjectNode example, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ObjectNode body = example.deepCopy();
        Http.Response response = null;
        for (double spread = 0.2; spread > 1e-4; spread /= 4) {
            body = example.deepCopy();
            for (String field : modelSideFields(body)) {
                body.set(field, jitter(body.get(field), spread, random));
            }
            response = new Http(port).post("/losses/" + loss, body.toString());
            if (response.status() != 400) {
                break;
            }
        }
        assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("NaN", "Infinity");
        JsonNode answer = response.json();
        assertThat(answer.path("value").isNumber()).isTrue();
        for (JsonNode gradient : iterable(answer.path("gradients"))) {
            assertThat(gradient.isNumber() || gradient.isArray()).isTrue();
        }
        for (String input : names(answer.path("gradients"))) {
            if (body.has(input)) {
                assertThat(shape(answer.path("gradients").path(input)))
                        .as(loss + " gradients." + input)
                        .isEqualTo(shape(body.get(input)));
            }
        }
    }

    private void corruptedRequest(String loss, ObjectNode example, Corruption corruption, long seed) {
        String body = corruption.apply().apply(example.deepCopy(), new SplittableRandom(seed * 7919 + 1));
        Http.Response response = new Http(port).post("/losses/" + loss, body);

        assertThat(response.status())
                .as(corruption.name() + ": " + abbreviated(body) + " -> " + response.body())
                .isLessThan(500);
        if (corruption.alwaysInvalid()) {
            assertThat(response.status())
                    .as(corruption.name() + ": " + abbreviated(body))
                    .isBetween(400, 499);
        }
        if (response.status() >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            ErrorHandlingHttpTest.assertNoInternals(response);
        }
    }

    private static List<Corruption> corruptions() {
        return List.of(
                new Corruption("dropped field", false, (body, random) -> {
                    body.remove(pick(names(body), random));
                    return body.toString();
                }),
                new Corruption("duplicated field", true, (body, random) -> {
                    String field = pick(names(body), random);
                    String text = body.toString();
                    return "{\"" + field + "\": " + body.get(field) + ", " + text.substring(1);
                }),
                new Corruption("wrong type", true, (body, random) -> {
                    String field = pick(names(body), random);
                    JsonNode original = body.get(field);
                    JsonNode replacement = original.isArray() || original.isNumber() || original.isBoolean()
                            ? (random.nextBoolean() ? NODES.stringNode("x") : NODES.objectNode())
                            : NODES.arrayNode().add(1);
                    body.set(field, replacement);
                    return body.toString();
                }),
                new Corruption("ragged row", true, (body, random) -> {
                    List<String> matrices = names(body).stream()
                            .filter(field -> isMatrix(body.get(field)))
                            .toList();
                    if (matrices.isEmpty()) {
                        return body.toString().replaceFirst("\\[", "[[1], [1, 2], ");
                    }
                    ArrayNode matrix = (ArrayNode) body.get(pick(matrices, random));
                    if (matrix.size() == 1) {
                        // One row cannot be ragged by itself: a second, longer row makes it so.
                        ArrayNode longer = ((ArrayNode) matrix.get(0)).deepCopy();
                        longer.add(0.5);
                        matrix.add(longer);
                    } else {
                        ((ArrayNode) matrix.get(matrix.size() - 1)).add(0.5);
                    }
                    return body.toString();
                }),
                new Corruption(
                        "quoted NaN", true, (body, random) -> replaceNumber(body, random, NODES.stringNode("NaN"))),
                new Corruption("1e999", true, (body, random) -> replaceNumberText(body, random, "1e999")),
                new Corruption("label beyond int range", true, (body, random) -> {
                    ArrayNode labels = (ArrayNode) body.get("labels");
                    if (labels == null || labels.isEmpty()) {
                        return body.toString().replaceFirst("\\{", "{\"labels\": [3000000000], ");
                    }
                    labels.set(random.nextInt(labels.size()), NODES.numberNode(3_000_000_000L));
                    return body.toString();
                }),
                new Corruption("empty arrays", true, (body, random) -> {
                    for (String field : names(body)) {
                        if (body.get(field).isArray()) {
                            body.set(field, NODES.arrayNode());
                        }
                    }
                    return body.toString();
                }),
                new Corruption("nesting 10,000 deep", true, (body, random) -> {
                    body.remove(pick(arrayFields(body), random));
                    return body.toString()
                            .replaceFirst("\\{", "{\"deep\": " + "[".repeat(10_000) + "]".repeat(10_000) + ", ");
                }),
                new Corruption("10 MB string", true, (body, random) -> {
                    body.put(pick(names(body), random), "x".repeat(10_000_000));
                    return body.toString();
                }),
                new Corruption("unusual unicode field name", true, (body, random) -> {
                    String text = body.toString();
                    String[] names = {"lo\u0301gits", "\uD83D\uDE00", "\u202Elabels", "\\uD800", "l\u0000abels", "ﬁrst"
                    };
                    return "{\"" + names[random.nextInt(names.length)] + "\": 1, " + text.substring(1);
                }),
                new Corruption("truncated body", true, (body, random) -> {
                    String text = body.toString();
                    return text.substring(0, 1 + random.nextInt(text.length() - 1));
                }),
                new Corruption("not an object", true, (body, random) -> {
                    String[] bodies = {"[]", "\"text\"", "42", "null", "true", ""};
                    return bodies[random.nextInt(bodies.length)];
                }));
    }

    private static String replaceNumber(ObjectNode body, SplittableRandom random, JsonNode replacement) {
        List<String> arrays = arrayFields(body);
        ArrayNode array = (ArrayNode) body.get(pick(arrays, random));
        while (array.get(0) != null && array.get(0).isArray()) {
            array = (ArrayNode) array.get(random.nextInt(array.size()));
        }
        if (array.isEmpty()) {
            array.add(replacement);
        } else {
            array.set(random.nextInt(array.size()), replacement);
        }
        return body.toString();
    }

    private static String replaceNumberText(ObjectNode body, SplittableRandom random, String text) {
        String marker = "\"__number__\"";
        return replaceNumber(body, random, NODES.stringNode("__number__")).replace(marker, text);
    }

    private static List<String> modelSideFields(ObjectNode body) {
        List<String> fields = new ArrayList<>();
        for (String field : names(body)) {
            JsonNode value = body.get(field);
            boolean numeric = value.isArray()
                    && !value.isEmpty()
                    && (value.get(0).isDouble() || value.get(0).isArray());
            if (numeric && !field.equals("labels") && !field.equals("targets") && !field.equals("classWeights")) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static JsonNode jitter(JsonNode node, double spread, SplittableRandom random) {
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(child -> copy.add(jitter(child, spread, random)));
            return copy;
        }
        return NODES.numberNode(node.asDouble() + spread * (2 * random.nextDouble() - 1));
    }

    private static List<Integer> shape(JsonNode node) {
        List<Integer> shape = new ArrayList<>();
        for (JsonNode current = node;
                current.isArray();
                current = current.isEmpty() ? NODES.nullNode() : current.get(0)) {
            shape.add(current.size());
        }
        return shape;
    }

    private static boolean isMatrix(JsonNode node) {
        return node.isArray() && node.size() > 0 && node.get(0).isArray();
    }

    private static List<String> arrayFields(ObjectNode body) {
        return names(body).stream().filter(field -> body.get(field).isArray()).toList();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        node.forEach(values::add);
        return values;
    }

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static int seeds() {
        return Integer.getInteger("losses.robustness.seeds", DEFAULT_SEEDS);
    }
}
