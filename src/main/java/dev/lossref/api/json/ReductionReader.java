package dev.lossref.api.json;

import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Reduction;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads {@code reduction} by its wire name. PyTorch's {@code "none"} is refused with the reason:
 * the per-sample losses are always in the response.
 */
final class ReductionReader extends ValueDeserializer<Reduction> {

    @Override
    public Reduction deserialize(JsonParser parser, DeserializationContext context) {
        String field = Tokens.fieldName(parser);
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(field, "must be a string, got " + Tokens.describe(parser.currentToken()));
        }
        String name = parser.getString();
        for (Reduction reduction : Reduction.values()) {
            if (reduction.wireName().equals(name)) {
                return reduction;
            }
        }
        if ("none".equals(name)) {
            throw new InvalidInputException(field,
                    "\"none\" is not needed: perSample is always returned; use \"mean\" or \"sum\"");
        }
        throw new InvalidInputException(field, "must be \"mean\" or \"sum\"");
    }
}
