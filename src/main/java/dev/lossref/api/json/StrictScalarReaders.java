package dev.lossref.api.json;

import dev.lossref.catalog.ExplicitDouble;
import dev.lossref.core.InvalidInputException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Readers for single hyperparameters that refuse what Jackson would otherwise coerce. */
final class StrictScalarReaders {

    private StrictScalarReaders() {}

    /** A finite JSON number: not "0.5", not 1e999. */
    static final class FiniteDouble extends ValueDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context) {
            return Tokens.finiteNumber(parser, Tokens.fieldName(parser));
        }
    }

    /** A finite number or an explicit null, told apart from an absent field (which stays a null reference). */
    static final class ExplicitDoubleReader extends ValueDeserializer<ExplicitDouble> {
        private static final ExplicitDouble EXPLICIT_NULL = new ExplicitDouble(null);

        @Override
        public ExplicitDouble deserialize(JsonParser parser, DeserializationContext context) {
            return new ExplicitDouble(Tokens.finiteNumber(parser, Tokens.fieldName(parser)));
        }

        @Override
        public ExplicitDouble getNullValue(DeserializationContext context) {
            return EXPLICIT_NULL;
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }

    /** A JSON integer within int range: not 4.0, not "4". */
    static final class StrictInteger extends ValueDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context) {
            return Tokens.integer(parser, Tokens.fieldName(parser));
        }
    }

    /** A JSON string: not a number or boolean turned into one. */
    static final class StrictString extends ValueDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new InvalidInputException(
                        Tokens.fieldName(parser), "must be a string, got " + Tokens.describe(parser.currentToken()));
            }
            return parser.getString();
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
            throw new InvalidInputException(
                    Tokens.fieldName(parser), "must be true or false, got " + Tokens.describe(token));
        }
    }
}
