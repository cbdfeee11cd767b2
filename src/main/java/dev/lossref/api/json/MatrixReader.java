package dev.lossref.api.json;

import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON array of equal-length rows of finite numbers into one flat row-major array: no row
 * objects, no boxed numbers. The rows are read as any tensor is ({@link TensorReader}); a field of this
 * type then needs two axes.
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
        Tensor rows = TensorReader.read(parser, context, field, 2);
        if (rows.rank() == 1 && rows.dimension(0) > 0) {
            throw new InvalidInputException(
                    field + "[0]",
                    "must be a row (an array of numbers), got a number: " + field + " is an array of rows");
        }
        return rows.rank() == 1
                ? new Matrix(0, 0, rows.data())
                : new Matrix(rows.dimension(0), rows.dimension(1), rows.data());
    }
}
