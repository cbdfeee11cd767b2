package dev.lossref.api.json;

import dev.lossref.core.Parallel;
import dev.lossref.core.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    /** Tensors with at least this many elements are formatted in parallel. */
    private static final int PARALLEL_THRESHOLD = 1 << 17;
    /** Numbers per formatted block (about 100 KB of text): the threads of a wave end within a block of each other. */
    private static final int BLOCK_ELEMENTS = 4_096;

    @Override
    public void serialize(Tensor tensor, JsonGenerator generator, SerializationContext context) {
        double[] data = tensor.data();
        if (tensor.rank() == 0) {
            generator.writeNumber(data[0]);
            return;
        }
        Object target = generator.streamWriteOutputTarget();
        boolean text = target instanceof OutputStream || target instanceof Writer;
        if (tensor.integral() || data.length == 0 || !text || Parallel.firstNonFinite(data) >= 0) {
            writeThroughGenerator(generator, tensor, 0, 0);
            return;
        }
        int[] shape = tensor.shape();
        generator.writeStartArray(tensor, shape[0]);
        if (target instanceof OutputStream out) {
            if (data.length >= PARALLEL_THRESHOLD) {
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
     * Formats blocks of elements on all cores and writes them in order, a wave of blocks at a time, so that only a
     * few megabytes of text are held at once, as ASCII bytes that go straight to the generator's output stream (the
     * generator's own buffer is flushed first), not through its char path.
     *
     * <p>The calling thread writes each wave while the pool's threads format the next one, then formats with them:
     * when one thread wrote a wave while the others waited, the other core sat idle for a tenth of the answer's time
     * (a {@code perf} timeline of the 4096 x 1000 round trip). Only the calling thread touches the response, so the
     * pool's threads never wait on a slow client. Waves alternate between two sets of buffers: a 4096 x 1000 gradient
     * would otherwise allocate (and zero) 110 MB.
     */
    private static void writeBlocksInParallel(JsonGenerator generator, OutputStream out, double[] data, int[] shape) {
        int blocks = (data.length + BLOCK_ELEMENTS - 1) / BLOCK_ELEMENTS;
        int perWave = 16 * Runtime.getRuntime().availableProcessors();
        byte[][][] buffers = new byte[2][Math.min(perWave, blocks)][];
        Text[] formatted = null;
        for (int first = 0; first < blocks; first += perWave) {
            Wave wave = new Wave(data, shape, first, Math.min(blocks, first + perWave), buffers[first / perWave % 2]);
            for (int helper = 0; helper < ForkJoinPool.getCommonPoolParallelism(); helper++) {
                ForkJoinPool.commonPool().execute(wave::formatBlocks);
            }
            if (formatted != null) {
                writeAll(generator, out, formatted);
            }
            formatted = wave.formatAndWait();
        }
        writeAll(generator, out, formatted);
    }

    private static void writeAll(JsonGenerator generator, OutputStream out, Text[] texts) {
        for (Text text : texts) {
            write(generator, out, text);
        }
    }

    /**
     * The blocks of one wave, claimed one at a time by whichever thread is free: the pool's helpers and the
     * calling thread. A helper that starts after every block was claimed has nothing to do, so the calling thread
     * only ever waits for blocks being formatted, never for a helper to be scheduled.
     */
    private static final class Wave {
        private final double[] data;
        private final int[] shape;
        private final int firstBlock;
        private final byte[][] buffers;
        private final Text[] texts;
        private final AtomicInteger claimed = new AtomicInteger();
        private final CountDownLatch unfinished;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Wave(double[] data, int[] shape, int firstBlock, int endBlock, byte[][] buffers) {
            this.data = data;
            this.shape = shape;
            this.firstBlock = firstBlock;
            this.buffers = buffers;
            this.texts = new Text[endBlock - firstBlock];
            this.unfinished = new CountDownLatch(texts.length);
        }

        void formatBlocks() {
            for (int k = claimed.getAndIncrement(); k < texts.length; k = claimed.getAndIncrement()) {
                try {
                    int from = (firstBlock + k) * BLOCK_ELEMENTS;
                    if (buffers[k] == null) {
                        buffers[k] = new byte[capacity(shape, BLOCK_ELEMENTS)];
                    }
                    texts[k] = format(data, shape, from, Math.min(data.length, from + BLOCK_ELEMENTS), buffers[k]);
                } catch (RuntimeException | Error failed) {
                    // Handed to the calling thread, which would otherwise write a block that is not there.
                    failure.compareAndSet(null, failed);
                } finally {
                    unfinished.countDown();
                }
            }
        }

        /** Formats blocks with the helpers, then waits for the blocks they are still formatting. */
        Text[] formatAndWait() {
            formatBlocks();
            boolean interrupted = false;
            while (unfinished.getCount() > 0) {
                try {
                    unfinished.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable failed = failure.get();
            if (failed instanceof Error error) {
                throw error;
            }
            if (failed != null) {
                throw (RuntimeException) failed;
            }
            return texts;
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
    private record Text(byte[] bytes, int length) {
    }

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

    /** The tensor's elements from {@code offset} along the axes from {@code axis} on, by the generator's number methods. */
    private static void writeThroughGenerator(JsonGenerator generator, Tensor tensor, int axis, int offset) {
        double[] data = tensor.data();
        int length = tensor.dimension(axis);
        if (axis == tensor.rank() - 1) {
            if (!tensor.integral()) {
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
