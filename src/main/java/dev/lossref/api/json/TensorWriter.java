package dev.lossref.api.json;

import dev.lossref.api.io.ParallelBlockWriter;
import dev.lossref.core.Parallel;
import dev.lossref.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a tensor straight from its flat array: a scalar as a number, a vector as an array, a
 * matrix as an array of rows, a rank-3 tensor as an array of matrices. Numbers go out in shortest
 * round-trip form, so that they parse back to the same float64.
 *
 * <p>When the generator writes text, the elements of a real tensor are formatted by {@link ShortestDecimal}
 * into one ASCII buffer, with no object per number (for the answer of a small request Jackson's per-number
 * Strings were a quarter of the service's CPU), and written straight to the generator's output stream (or
 * handed to a writer as one String); large tensors are formatted in blocks on all cores. Integers,
 * non-finite values (which the generator's settings decide how to write), empty tensors and other
 * generators (a token buffer) go through the generator's own number methods.
 */
final class TensorWriter extends ValueSerializer<Tensor> {

    /** Numbers per formatted block (about 100 KB of text): the threads of a wave end within a block of each other. */
    private static final int BLOCK_ELEMENTS = 4_096;

    private static final int BLOCKS_PER_CORE = 16;

    @Override
    public void serialize(Tensor tensor, JsonGenerator generator, SerializationContext context) {
        double[] data = tensor.data();
        if (tensor.rank() == 0) {
            generator.writeNumber(FiniteNumberWriter.finite(data[0]));
            return;
        }
        Object target = generator.streamWriteOutputTarget();
        boolean text = target instanceof OutputStream || target instanceof Writer;
        // A non-finite number is refused below, by ShortestDecimal or by the generator path: the service has
        // checked every answer before it is written (FiniteAnswers), so one here is a bug, never "NaN" in JSON.
        if (tensor.integral() || data.length == 0 || !text) {
            writeThroughGenerator(generator, tensor, 0, 0);
            return;
        }
        int[] shape = tensor.shape();
        generator.writeStartArray(tensor, shape[0]);
        if (target instanceof OutputStream out) {
            if (data.length >= Parallel.LARGE_ARRAY) {
                writeBlocksInParallel(generator, out, data, shape);
            } else {
                write(generator, out, format(data, shape, 0, data.length));
            }
        } else {
            for (int from = 0; from < data.length; from += BLOCK_ELEMENTS) {
                Text block = format(data, shape, from, Math.min(data.length, from + BLOCK_ELEMENTS));
                generator.writeRaw(new String(block.bytes(), 0, block.length(), StandardCharsets.ISO_8859_1));
            }
        }
        generator.writeEndArray();
    }

    /**
     * Formats blocks of elements on all cores and writes them in order ({@link ParallelBlockWriter}), as ASCII bytes
     * that go straight to the generator's output stream after what the generator holds (see {@link #write}), not
     * through its char path.
     */
    private static void writeBlocksInParallel(JsonGenerator generator, OutputStream out, double[] data, int[] shape) {
        generator.flush();
        try {
            ParallelBlockWriter.write(
                    (data.length + BLOCK_ELEMENTS - 1) / BLOCK_ELEMENTS,
                    capacity(shape, BLOCK_ELEMENTS),
                    BLOCKS_PER_CORE,
                    (block, into) -> {
                        int from = block * BLOCK_ELEMENTS;
                        return format(data, shape, from, Math.min(data.length, from + BLOCK_ELEMENTS), into)
                                .length();
                    },
                    (bytes, length) -> out.write(bytes, 0, length));
        } catch (IOException failure) {
            throw JacksonIOException.construct(failure, generator);
        }
    }

    /**
     * Writes formatted text straight to the generator's output stream, after what the generator holds. Its
     * flush reaches the servlet's buffer only (the mapper turns off {@code FLUSH_PASSED_TO_STREAM}), so it
     * never sends a part of the answer on its own.
     */
    private static void write(JsonGenerator generator, OutputStream out, Text text) {
        generator.flush();
        try {
            out.write(text.bytes(), 0, text.length());
        } catch (IOException failure) {
            throw JacksonIOException.construct(failure, generator);
        }
    }

    /** The first {@code length} bytes of {@code bytes}: formatted text, written without trimming it first. */
    private record Text(byte[] bytes, int length) {}

    /**
     * Elements [from, to) of the tensor as the JSON text inside its outermost brackets, in ASCII: each
     * element preceded by its separator, which at the start of a row closes and opens as many inner
     * arrays as the row ends (a row of a matrix, or the last row of a matrix of a rank-3 tensor).
     */
    private static Text format(double[] data, int[] shape, int from, int to) {
        return format(data, shape, from, to, new byte[capacity(shape, to - from)]);
    }

    /** The most bytes {@link #format} can write for {@code elements} elements of a tensor of this shape. */
    private static int capacity(int[] shape, int elements) {
        int inner = shape.length - 1;
        return elements * (ShortestDecimal.MAX_CHARS + 1 + 2 * inner) + 2 * inner;
    }

    /** As {@link #format(double[], int[], int, int)}, into {@code text}, which holds {@link #capacity} bytes. */
    private static Text format(double[] data, int[] shape, int from, int to, byte[] text) {
        int inner = shape.length - 1;
        int cols = shape[inner];
        int length = 0;
        int col = from % cols;
        for (int j = from; j < to; j++, col = col + 1 == cols ? 0 : col + 1) {
            if (col != 0) {
                text[length++] = ',';
            } else {
                int closed = j == 0 ? 0 : arraysEndingAt(j, shape);
                for (int k = 0; k < closed; k++) {
                    text[length++] = ']';
                }
                if (j > 0) {
                    text[length++] = ',';
                }
                for (int k = 0; k < (j == 0 ? inner : closed); k++) {
                    text[length++] = '[';
                }
            }
            length = ShortestDecimal.write(data[j], text, length);
        }
        if (to == data.length) {
            for (int k = 0; k < inner; k++) {
                text[length++] = ']';
            }
        }
        return new Text(text, length);
    }

    /** How many inner arrays end just before element {@code j}, a multiple of the last dimension. */
    private static int arraysEndingAt(int j, int[] shape) {
        int closed = 0;
        int stride = 1;
        for (int axis = shape.length - 1; axis >= 1; axis--) {
            stride *= shape[axis];
            if (j % stride != 0) {
                break;
            }
            closed++;
        }
        return closed;
    }

    /**
     * The tensor's elements from {@code offset} along the axes from {@code axis} on, by the generator's number methods.
     */
    private static void writeThroughGenerator(JsonGenerator generator, Tensor tensor, int axis, int offset) {
        double[] data = tensor.data();
        int length = tensor.dimension(axis);
        if (axis == tensor.rank() - 1) {
            if (!tensor.integral()) {
                for (int k = offset; k < offset + length; k++) {
                    FiniteNumberWriter.finite(data[k]);
                }
                generator.writeArray(data, offset, length);
                return;
            }
            generator.writeStartArray();
            for (int k = offset; k < offset + length; k++) {
                generator.writeNumber((long) data[k]);
            }
            generator.writeEndArray();
            return;
        }
        int stride = 1;
        for (int later = axis + 1; later < tensor.rank(); later++) {
            stride *= tensor.dimension(later);
        }
        generator.writeStartArray(tensor, length);
        for (int i = 0; i < length; i++) {
            writeThroughGenerator(generator, tensor, axis + 1, offset + i * stride);
        }
        generator.writeEndArray();
    }
}
