package dev.lossref.api.json;

import dev.lossref.core.Tensor;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a tensor straight from its flat array: a scalar as a number, a vector as an array, a
 * matrix as an array of rows. Numbers go out in shortest round-trip form, so that they parse back to
 * the same float64.
 */
final class TensorWriter extends ValueSerializer<Tensor> {

    @Override
    public void serialize(Tensor tensor, JsonGenerator generator, SerializationContext context) {
        double[] data = tensor.data();
        switch (tensor.rank()) {
            case 0 -> generator.writeNumber(data[0]);
            case 1 -> generator.writeArray(data, 0, data.length);
            case 2 -> {
                int rows = tensor.dimension(0);
                int cols = tensor.dimension(1);
                generator.writeStartArray(tensor, rows);
                for (int i = 0; i < rows; i++) {
                    if (tensor.integral()) {
                        writeIntegers(generator, data, i * cols, cols);
                    } else {
                        generator.writeArray(data, i * cols, cols);
                    }
                }
                generator.writeEndArray();
            }
            default -> throw new IllegalStateException("tensors of rank " + tensor.rank() + " are not written");
        }
    }

    private static void writeIntegers(JsonGenerator generator, double[] data, int offset, int length) {
        generator.writeStartArray();
        for (int k = offset; k < offset + length; k++) {
            generator.writeNumber((long) data[k]);
        }
        generator.writeEndArray();
    }
}
