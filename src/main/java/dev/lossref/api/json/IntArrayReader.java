package dev.lossref.api.json;

import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Reads a JSON array of integers (labels) into an {@code int[]}: 1.5 or "1" is refused, not truncated. */
final class IntArrayReader extends ValueDeserializer<int[]> {

    @Override
    public int[] deserialize(JsonParser parser, DeserializationContext context) {
        String field = Tokens.fieldName(parser);
        Tokens.expectArrayStart(parser, field, "an array of integers");
        NumberBlock block = NumberArrays.claim(parser, context);
        if (block != null) {
            return block.labels();
        }
        int[] values = new int[16];
        int length = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (length == values.length) {
                values = Arrays.copyOf(values, Math.multiplyExact(values.length, 2));
            }
            values[length] = Tokens.integer(parser, field, length);
            length++;
            Tokens.count(context, length);
        }
        Tokens.finish(context, length);
        return length == values.length ? values : Arrays.copyOf(values, length);
    }
}
