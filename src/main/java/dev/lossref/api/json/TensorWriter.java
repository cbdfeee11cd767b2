package dev.lossref.api.json;

import dev.lossref.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.io.NumberOutput;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a tensor straight from its flat array: a scalar as a number, a vector as an array, a
 * matrix as an array of rows. Numbers go out in shortest round-trip form, so that they parse back to
 * the same float64.
 */
final class TensorWriter extends ValueSerializer<Tensor> {

    /** Matrices with at least this many elements are formatted in parallel. */
    private static final int PARALLEL_THRESHOLD = 1 << 17;
    /** About this many numbers per formatted block (a few hundred kilobytes of text). */
    private static final int BLOCK_ELEMENTS = 16_384;
    /** The longest shortest-round-trip float64, e.g. -2.2250738585072014E-308. */
    private static final int MAX_NUMBER_CHARS = 24;

    @Override
    public void serialize(Tensor tensor, JsonGenerator generator, SerializationContext context) {
        double[] data = tensor.data();
        switch (tensor.rank()) {
            case 0 -> generator.writeNumber(data[0]);
            case 1 -> {
                if (tensor.integral()) {
                    writeIntegers(generator, data, 0, data.length);
                } else {
                    generator.writeArray(data, 0, data.length);
                }
            }
            case 2 -> {
                int rows = tensor.dimension(0);
                int cols = tensor.dimension(1);
                if (!tensor.integral() && data.length >= PARALLEL_THRESHOLD) {
                    writeRowsInParallel(generator, data, rows, cols);
                    return;
                }
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
            case 3 -> {
                int n = tensor.dimension(0);
                int rows = tensor.dimension(1);
                int cols = tensor.dimension(2);
                generator.writeStartArray(tensor, n);
                for (int i = 0; i < n; i++) {
                    generator.writeStartArray(tensor, rows);
                    for (int t = 0; t < rows; t++) {
                        generator.writeArray(data, (i * rows + t) * cols, cols);
                    }
                    generator.writeEndArray();
                }
                generator.writeEndArray();
            }
            default -> throw new IllegalStateException("tensors of rank " + tensor.rank() + " are not written");
        }
    }

    /**
     * Formats blocks of rows on all cores and writes them in order: turning doubles into their
     * shortest decimal form is most of the cost of a large response. Blocks are formatted a wave at a
     * time, so that only a few megabytes of text are held at once, as ASCII bytes that go straight to the
     * generator's output stream (the generator's own buffer is flushed first), not through its char path.
     */
    private static void writeRowsInParallel(JsonGenerator generator, double[] data, int rows, int cols) {
        int rowsPerBlock = Math.max(1, BLOCK_ELEMENTS / Math.max(cols, 1));
        int blocks = (rows + rowsPerBlock - 1) / rowsPerBlock;
        int wave = 4 * Runtime.getRuntime().availableProcessors();
        generator.writeStartArray();
        OutputStream out = generator.streamWriteOutputTarget() instanceof OutputStream stream ? stream : null;
        generator.flush();
        for (int first = 0; first < blocks; first += wave) {
            Text[] texts = IntStream.range(first, Math.min(blocks, first + wave)).parallel()
                    .mapToObj(block -> formatRows(data, cols, block * rowsPerBlock,
                            Math.min(rows, (block + 1) * rowsPerBlock), block == 0))
                    .toArray(Text[]::new);
            for (Text text : texts) {
                write(generator, out, text);
            }
        }
        generator.writeEndArray();
    }

    /** The first {@code length} bytes of {@code bytes}: a formatted block, written without trimming it first. */
    private record Text(byte[] bytes, int length) {
    }

    private static void write(JsonGenerator generator, OutputStream out, Text text) {
        if (out == null) {
            generator.writeRaw(new String(text.bytes(), 0, text.length(), StandardCharsets.ISO_8859_1));
            return;
        }
        try {
            out.write(text.bytes(), 0, text.length());
        } catch (IOException failure) {
            throw JacksonIOException.construct(failure, generator);
        }
    }

    /** Rows [from, to) as JSON text in ASCII, each preceded by a comma unless it is the very first row. */
    private static Text formatRows(double[] data, int cols, int from, int to, boolean first) {
        byte[] text = new byte[Math.max(64, (to - from) * (cols * 24 + 3))];
        int length = 0;
        for (int i = from; i < to; i++) {
            if (text.length - length < cols * MAX_NUMBER_CHARS + 3) {
                text = Arrays.copyOf(text, text.length * 2 + cols * MAX_NUMBER_CHARS + 3);
            }
            if (i > from || !first) {
                text[length++] = ',';
            }
            text[length++] = '[';
            for (int j = 0; j < cols; j++) {
                if (j > 0) {
                    text[length++] = ',';
                }
                String number = NumberOutput.toString(data[i * cols + j], true);
                for (int c = 0; c < number.length(); c++) {
                    text[length++] = (byte) number.charAt(c);
                }
            }
            text[length++] = ']';
        }
        return new Text(text, length);
    }

    private static void writeIntegers(JsonGenerator generator, double[] data, int offset, int length) {
        generator.writeStartArray();
        for (int k = offset; k < offset + length; k++) {
            generator.writeNumber((long) data[k]);
        }
        generator.writeEndArray();
    }
}
