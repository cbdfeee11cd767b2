package dev.lossref.api.json;

import dev.lossref.core.InvalidInputException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Readers for single hyperparameters that refuse what Jackson would otherwise coerce. */
final class StrictScalarReaders {

    private StrictScalarReaders() {
    }

    /** A finite JSON number: not "0.5", not 1e999. */
    static final class FiniteDouble extends ValueDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) {
            return Tokens.finiteNumber(parser, Tokens.fieldName(parser));
        }
    }

    /** A JSON integer within int range: not 4.0, not "4". */
    static final class StrictInteger extends ValueDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context) {
            return Tokens.integer(parser, Tokens.fieldName(parser));
        }
    }

    /** JSON true or false: not "true", not 1. */
    static final class StrictBoolean extends ValueDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
                return token == JsonToken.VALUE_TRUE;
            }
            throw new InvalidInputException(Tokens.fieldName(parser), "must be true or false, got " + Tokens.describe(token));
        }
    }
}
