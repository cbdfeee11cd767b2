package dev.lossref.api.json;

import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Reduction;
import dev.lossref.core.WireName;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleDeserializers;

/**
 * Reads every enum that implements {@link WireName} ({@code reduction}, {@code mining},
 * {@code distance}, ...) by its wire name: one reader, so a loss that adds an enum adds no code here.
 * PyTorch's {@code "none"} reduction is refused with the reason: the per-sample losses are always in
 * the response.
 */
final class WireNameReader<E extends Enum<E> & WireName> extends ValueDeserializer<E> {

    private final Class<E> type;

    private WireNameReader(Class<E> type) {
        this.type = type;
    }

    @Override
    public E deserialize(JsonParser parser, DeserializationContext context) {
        String field = Tokens.fieldName(parser);
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new InvalidInputException(field, "must be a string, got " + Tokens.describe(parser.currentToken()));
        }
        String name = parser.getString();
        if (Reduction.class.equals(type) && "none".equals(name)) {
            throw new InvalidInputException(
                    field, "\"none\" is not needed: perSample is always returned; use \"mean\" or \"sum\"");
        }
        return WireName.parse(type, name, field);
    }

    /** The module's deserializers, with a {@link WireNameReader} for any enum that has wire names. */
    static final class Lookup extends SimpleDeserializers {

        private static final long serialVersionUID = 1L;

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public ValueDeserializer<?> findEnumDeserializer(
                JavaType type, DeserializationConfig config, BeanDescription.Supplier description) {
            Class<?> raw = type.getRawClass();
            if (WireName.class.isAssignableFrom(raw)) {
                return new WireNameReader(raw);
            }
            return super.findEnumDeserializer(type, config, description);
        }
    }
}
