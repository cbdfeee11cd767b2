package dev.lossref.api.json;

import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Reads a JSON array of finite numbers into a {@code double[]}, element by element. */
final class DoubleArrayReader extends ValueDeserializer<double[]> {

    @Override
    public double[] deserialize(JsonParser parser, DeserializationContext context) {
        String field = Tokens.fieldName(parser);
        Tokens.expectArrayStart(parser, field, "an array of numbers");
        NumberBlock block = NumberArrays.claim(parser, context);
        if (block != null) {
            return block.vector();
        }
        return readElements(parser, context, field, parser.nextToken());
    }

    /** Reads the elements of an open array, starting at {@code current} (its first element or its end). */
    static double[] readElements(JsonParser parser, DeserializationContext context, String field, JsonToken current) {
        double[] values = new double[16];
        int length = 0;
        for (JsonToken token = current; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (length == values.length) {
                values = Arrays.copyOf(values, Math.multiplyExact(values.length, 2));
            }
            values[length] = Tokens.finiteNumber(parser, field, -1, length);
            length++;
            Tokens.count(context, length);
        }
        Tokens.finish(context, length);
        return length == values.length ? values : Arrays.copyOf(values, length);
    }
}
