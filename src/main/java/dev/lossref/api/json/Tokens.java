package dev.lossref.api.json;

import dev.lossref.core.InvalidInputException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;

/** Token-level helpers shared by the strict readers. */
final class Tokens {

    private static final int CHARGE_EVERY = 4096;

    private Tokens() {}

    /** The name of the request field being read, found from the parser's context. */
    static String fieldName(JsonParser parser) {
        for (TokenStreamContext context = parser.streamReadContext(); context != null; context = context.getParent()) {
            if (context.inObject() && context.currentName() != null) {
                return context.currentName();
            }
        }
        return "body";
    }

    /** Reads the current token as a finite float64, or fails naming {@code path}. */
    static double finiteNumber(JsonParser parser, String path) {
        return finiteNumber(parser, path, -1, -1);
    }

    /**
     * Reads the current token as a finite float64, or fails naming {@code field[row][col]} (or
     * {@code field[col]} when row is negative, or {@code field} when both are). The path is built
     * only on failure: this runs once per number of a request of millions.
     */
    static double finiteNumber(JsonParser parser, String field, int row, int col) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
            double value = parser.getDoubleValue();
            if (Double.isFinite(value)) {
                return value;
            }
            throw new InvalidInputException(
                    path(field, row, col), "must be a finite number (" + parser.getString() + " overflows float64)");
        }
        throw new InvalidInputException(path(field, row, col), "must be a number, got " + describe(token));
    }

    static String path(String field, int row, int col) {
        if (row >= 0) {
            return field + "[" + row + "][" + col + "]";
        }
        return col >= 0 ? field + "[" + col + "]" : field;
    }

    /** Reads the current token as a JSON integer within int range, or fails naming {@code path}. */
    static int integer(JsonParser parser, String path) {
        return integer(parser, path, -1);
    }

    /** Reads the current token as a JSON integer within int range, or fails naming {@code field[index]}. */
    static int integer(JsonParser parser, String field, int index) {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidInputException(path(field, -1, index), "must be a JSON integer, got " + describe(token));
        }
        if (parser.getNumberType() != JsonParser.NumberType.INT) {
            throw new InvalidInputException(
                    path(field, -1, index),
                    "must be an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", got "
                            + parser.getString());
        }
        return parser.getIntValue();
    }

    static void expectArrayStart(JsonParser parser, String path, String what) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidInputException(path, "must be " + what + ", got " + describe(parser.currentToken()));
        }
    }

    /**
     * Charges the request's element budget for the {@code count}-th element read so far: every few
     * thousand elements, so that an oversized array is refused while it streams in.
     */
    static void count(DeserializationContext context, long count) {
        if (count % CHARGE_EVERY == 0) {
            charge(context, CHARGE_EVERY);
        }
    }

    /** Charges what {@link #count} has not charged yet, once an array of {@code total} elements is read. */
    static void finish(DeserializationContext context, long total) {
        charge(context, total % CHARGE_EVERY);
    }

    private static void charge(DeserializationContext context, long elements) {
        if (context.getAttribute(ElementBudget.ATTRIBUTE) instanceof ElementBudget budget) {
            budget.charge(elements);
        }
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the body";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number with a fraction or exponent";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
