package dev.lossref.support;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The numbers of a request field of any depth, addressed in row-major order, for the finite-difference
 * checks: read one, write one, add seeded noise to all.
 */
public final class JsonLeaves {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonLeaves() {}

    /** Entry {@code index} of field {@code input} (the field itself when it is a number). */
    public static double read(ObjectNode request, String input, int index) {
        return leaves(request.get(input)).get(index).asDouble();
    }

    /** Sets entry {@code index} of field {@code input} (the field itself when it is a number). */
    public static void write(ObjectNode request, String input, int index, double value) {
        JsonNode node = request.get(input);
        if (!node.isArray()) {
            request.put(input, value);
            return;
        }
        replace((ArrayNode) node, index, value, new int[] {0});
    }

    /** A copy with normal noise of standard deviation {@code spread} on every number. */
    public static JsonNode perturb(JsonNode node, double spread, SplittableRandom random) {
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            node.forEach(child -> copy.add(perturb(child, spread, random)));
            return copy;
        }
        double gaussian =
                Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
        return NODES.numberNode(node.asDouble() + spread * gaussian);
    }

    /** Every index below {@code length}, or {@code most} of them drawn at random when there are more. */
    public static int[] sample(int length, int most, SplittableRandom random) {
        if (length <= most) {
            return java.util.stream.IntStream.range(0, length).toArray();
        }
        return random.ints(most, 0, length).toArray();
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
