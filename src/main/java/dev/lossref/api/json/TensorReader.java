package dev.lossref.api.json;

import dev.lossref.core.Tensor;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a field that may be a vector or a matrix (focal loss's binary or multi-class logits): the
 * token after the opening bracket decides, and the rest is read by the strict vector or matrix reader.
 */
final class TensorReader extends ValueDeserializer<Tensor> {

    @Override
    public Tensor deserialize(JsonParser parser, DeserializationContext context) {
        String field = Tokens.fieldName(parser);
        Tokens.expectArrayStart(parser, field, "an array of numbers or of rows");
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) {
            return Tensor.of(MatrixReader.readRows(parser, context, field));
        }
        return Tensor.vector(DoubleArrayReader.readElements(parser, context, field, first));
    }
}
