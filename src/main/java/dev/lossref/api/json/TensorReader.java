package dev.lossref.api.json;

import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a field that may be a vector, a matrix or a rank-3 tensor (focal loss's binary or multi-class
 * logits, the elementwise losses' [N] or [N x d], CTC's [N x T x C]): the tokens after the opening
 * bracket decide, and every slice of a rank-3 tensor must have the first one's shape.
 */
final class TensorReader extends ValueDeserializer<Tensor> {

    @Override
    public Tensor deserialize(JsonParser parser, DeserializationContext context) {
        String field = Tokens.fieldName(parser);
        Tokens.expectArrayStart(parser, field, "an array of numbers or of rows");
        NumberBlock block = NumberArrays.claim(parser, context);
        if (block != null) {
            return block.tensor();
        }
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_ARRAY) {
            return Tensor.vector(DoubleArrayReader.readElements(parser, context, field, first));
        }
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return Tensor.of(MatrixReader.readRows(parser, context, field, true));
        }
        return readSlices(parser, context, field);
    }

    /** Reads [N x T x C], the parser standing on the first row of the first slice. */
    private static Tensor readSlices(JsonParser parser, DeserializationContext context, String field) {
        double[] data = new double[256];
        int length = 0;
        int slices = 0;
        int rows = -1;
        int cols = -1;
        boolean onFirstRow = true;
        while (true) {
            String slice = field + "[" + slices + "]";
            if (!onFirstRow) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    break;
                }
                Tokens.expectArrayStart(parser, slice, "a matrix (an array of rows)");
                parser.nextToken();
            }
            onFirstRow = false;
            Matrix matrix = MatrixReader.readRows(parser, context, slice);
            if (rows < 0) {
                rows = matrix.rows();
                cols = matrix.cols();
            } else if (matrix.rows() != rows || matrix.cols() != cols) {
                throw new InvalidInputException(
                        slice,
                        "is " + matrix.rows() + " x " + matrix.cols() + " but " + field + "[0] is " + rows + " x "
                                + cols + "; every slice must have its shape");
            }
            if (length + matrix.data().length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + matrix.data().length));
            }
            System.arraycopy(matrix.data(), 0, data, length, matrix.data().length);
            length += matrix.data().length;
            slices++;
        }
        return Tensor.volume(Arrays.copyOf(data, length), slices, rows, cols);
    }
}
