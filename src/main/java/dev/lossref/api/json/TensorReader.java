package dev.lossref.api.json;

import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Tensor;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON array of any depth up to {@link Tensor#MAX_RANK} into one flat row-major array and its
 * shape: the depth at which the numbers sit is the rank, and every array of one depth must have as many
 * entries as the first one of that depth (no ragged rows, slices or volumes). A refusal names the element
 * or the array by its full index path.
 */
final class TensorReader extends ValueDeserializer<Tensor> {

    @Override
    public Tensor deserialize(JsonParser parser, DeserializationContext context) {
        String field = Tokens.fieldName(parser);
        Tokens.expectArrayStart(parser, field, "an array of numbers, or of arrays of numbers");
        NumberBlock block = NumberArrays.claim(parser, context);
        if (block != null) {
            return block.tensor();
        }
        return read(parser, context, field);
    }

    /** Reads the array the parser stands on (its opening bracket) and leaves the parser on its closing one. */
    static Tensor read(JsonParser parser, DeserializationContext context, String field) {
        return read(parser, context, field, Tensor.MAX_RANK);
    }

    /**
     * As {@link #read(JsonParser, DeserializationContext, String)}, refusing arrays nested deeper than {@code maxRank}.
     */
    static Tensor read(JsonParser parser, DeserializationContext context, String field, int maxRank) {
        return new Nesting(field, maxRank).read(parser, context);
    }

    /** The state of one read: where the parser is in the nesting, and what the first arrays established. */
    private static final class Nesting {
        private final String field;
        private final int maxRank;
        /** Entries read so far in the open array of each depth (1 = the outermost). */
        private final int[] counts = new int[Tensor.MAX_RANK + 2];
        /** The entries of the first array of each depth, once it closed; -1 before. */
        private final int[] extents = new int[Tensor.MAX_RANK + 2];

        private double[] data = new double[64];
        private int length;
        private int depth;
        /** The depth of the numbers, once the first one is read; -1 before. */
        private int rank = -1;

        private int deepest;

        Nesting(String field, int maxRank) {
            this.field = field;
            this.maxRank = maxRank;
            Arrays.fill(extents, -1);
        }

        Tensor read(JsonParser parser, DeserializationContext context) {
            depth = 1;
            deepest = 1;
            for (JsonToken token = parser.nextToken(); depth > 0; token = depth > 0 ? parser.nextToken() : null) {
                if (token == JsonToken.START_ARRAY) {
                    open();
                } else if (token == JsonToken.END_ARRAY) {
                    close();
                } else {
                    number(parser, context);
                }
            }
            Tokens.finish(context, length);
            int[] shape = Arrays.copyOfRange(extents, 1, (rank < 0 ? deepest : rank) + 1);
            return Tensor.of(shape, length == data.length ? data : Arrays.copyOf(data, length));
        }

        private void open() {
            if (depth == maxRank || rank >= 0 && depth >= rank) {
                String why = rank >= 0
                        ? " (the numbers of " + field + " sit at depth " + rank + ")"
                        : depth == Tensor.MAX_RANK ? " (a tensor has at most " + Tensor.MAX_RANK + " axes)" : "";
                throw new InvalidInputException(path(depth, counts[depth]), "must be a number, got an array" + why);
            }
            enter();
            depth++;
            deepest = Math.max(deepest, depth);
            counts[depth] = 0;
        }

        private void close() {
            if (extents[depth] < 0) {
                extents[depth] = counts[depth];
            } else if (counts[depth] != extents[depth]) {
                throw new InvalidInputException(
                        path(depth - 1, counts[depth - 1] - 1),
                        "has " + counts[depth] + " entries but " + firstPath(depth) + " has " + extents[depth] + "; "
                                + sameLength(depth));
            }
            depth--;
        }

        private void number(JsonParser parser, DeserializationContext context) {
            if (rank < 0) {
                if (deepest > depth) {
                    throw new InvalidInputException(
                            path(depth, counts[depth]), "must be an array, as " + firstPath(depth + 1) + " is");
                }
                rank = depth;
            } else if (depth < rank) {
                throw new InvalidInputException(
                        path(depth, counts[depth]),
                        "must be an array of " + (rank - depth == 1 ? "numbers" : "arrays") + ", got "
                                + Tokens.describe(parser.currentToken()));
            }
            enter();
            if (length == data.length) {
                data = Arrays.copyOf(data, grow(data.length));
            }
            data[length] = finiteNumber(parser);
            length++;
            Tokens.count(context, length);
        }

        /** The number the parser stands on; the element's path is formed only when it is refused. */
        private double finiteNumber(JsonParser parser) {
            try {
                return Tokens.finiteNumber(parser, field);
            } catch (InvalidInputException refused) {
                throw new InvalidInputException(
                        path(depth, counts[depth] - 1),
                        refused.violations().get(0).message());
            }
        }

        /** Counts the entry about to be read in the open array, refusing one beyond the first array's length. */
        private void enter() {
            if (extents[depth] >= 0 && counts[depth] == extents[depth]) {
                throw new InvalidInputException(
                        path(depth - 1, counts[depth - 1] - 1),
                        "has more than " + extents[depth] + " entries; " + sameLength(depth) + " as "
                                + firstPath(depth));
            }
            counts[depth]++;
        }

        /** The path of entry {@code index} of the open array of depth {@code upTo}: field[i1]..[index]. */
        private String path(int upTo, int index) {
            StringBuilder path = new StringBuilder(field);
            for (int d = 1; d < upTo; d++) {
                path.append('[').append(counts[d] - 1).append(']');
            }
            if (upTo >= 1) {
                path.append('[').append(index).append(']');
            }
            return path.toString();
        }

        /** The first array of depth {@code d}: field[0][0]... */
        private String firstPath(int d) {
            return field + "[0]".repeat(d - 1);
        }

        private String sameLength(int d) {
            return "every " + (d == rank || rank < 0 && d == deepest ? "row" : "array of its depth")
                    + " must have as many";
        }

        private static int grow(int capacity) {
            if (capacity >= Integer.MAX_VALUE - 8) {
                throw new InvalidInputException("body", "an array is too large");
            }
            return (int) Math.min((long) capacity * 2, Integer.MAX_VALUE - 8);
        }
    }
}
