package dev.lossref.api.json;

import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON array of equal-length rows of finite numbers into one flat row-major array: no row
 * objects, no boxed numbers. The first row fixes the width; a shorter or longer row is refused with
 * its index.
 */
final class MatrixReader extends ValueDeserializer<Matrix> {

    @Override
    public Matrix deserialize(JsonParser parser, DeserializationContext context) {
        String field = Tokens.fieldName(parser);
        Tokens.expectArrayStart(parser, field, "an array of rows (arrays of numbers)");
        NumberBlock block = NumberArrays.claim(parser, context);
        if (block != null) {
            return block.matrix();
        }
        parser.nextToken();
        return readRows(parser, context, field);
    }

    /** Reads the rows of an open array, the parser standing on its first row (or on its end). */
    static Matrix readRows(JsonParser parser, DeserializationContext context, String field) {
        return readRows(parser, context, field, false);
    }

    /**
     * Reads the rows of an open array; with {@code insideFirstRow} the parser stands on the first
     * element of the first row (a caller looked into it to tell a matrix from a rank-3 tensor).
     */
    static Matrix readRows(JsonParser parser, DeserializationContext context, String field, boolean insideFirstRow) {
        double[] data = new double[256];
        long length = 0;
        int rows = 0;
        int cols = -1;
        boolean entered = insideFirstRow;
        for (JsonToken token = parser.currentToken();
                entered || token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            if (!entered && token != JsonToken.START_ARRAY) {
                Tokens.expectArrayStart(parser, Tokens.path(field, -1, rows), "a row (an array of numbers)");
            }
            int col = 0;
            for (JsonToken element = entered ? parser.currentToken() : parser.nextToken();
                    element != JsonToken.END_ARRAY;
                    element = parser.nextToken()) {
                if (cols >= 0 && col == cols) {
                    throw new InvalidInputException(
                            Tokens.path(field, -1, rows),
                            "has more than " + cols + " entries; every row must have as many as " + field + "[0]");
                }
                if (length == data.length) {
                    data = Arrays.copyOf(data, grow(data.length));
                }
                data[(int) length] = Tokens.finiteNumber(parser, field, rows, col);
                length++;
                col++;
                Tokens.count(context, length);
            }
            entered = false;
            if (cols < 0) {
                cols = col;
            } else if (col != cols) {
                throw new InvalidInputException(
                        Tokens.path(field, -1, rows),
                        "has " + col + " entries but " + field + "[0] has " + cols + "; every row must have as many");
            }
            rows++;
        }
        Tokens.finish(context, length);
        int width = Math.max(cols, 0);
        return new Matrix(rows, width, length == data.length ? data : Arrays.copyOf(data, (int) length));
    }

    private static int grow(int capacity) {
        if (capacity >= Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("body", "an array is too large");
        }
        return (int) Math.min((long) capacity * 2, Integer.MAX_VALUE - 8);
    }
}
