package dev.lossref.api.npz;

import dev.lossref.api.io.ParallelBlockWriter;
import dev.lossref.core.Parallel;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * Writes arrays as an uncompressed {@code .npz} archive (as {@code numpy.savez} does): float64 ({@code <f8})
 * for numbers, int64 ({@code <i8}) for indices, booleans ({@code |b1}), 0-d unicode ({@code <U}) for strings, each a
 * version 1.0
 * {@code .npy} entry whose header is padded to a multiple of 64 bytes.
 *
 * <p>The archive is streamed. A stored zip entry declares its CRC-32 before its data, so each array's bytes are
 * formed twice rather than held whole (a 4096 x 1000 gradient is 32 MB): once for the checksum, in segments on all
 * cores whose CRCs are joined ({@link Crc32Combine}; 7-8 ms on one thread here), and once for the stream, converted
 * on all cores while the calling thread writes ({@link ParallelBlockWriter}).
 *
 * <p>The zip container is {@link StoredZip}'s: {@code java.util.zip.ZipOutputStream} computed every stored entry's
 * CRC-32 again on the calling thread (4-5 ms for that gradient).
 */
public final class NpzWriter {

    private static final int BLOCK = 1 << 16;
    /** Float arrays are checksummed in segments of this many elements (1 MiB) when they have two or more. */
    private static final int SEGMENT_ELEMENTS = 1 << 17;

    private static final int BLOCKS_PER_CORE = 16;

    private NpzWriter() {}

    public static void write(Map<String, NpyArray> arrays, OutputStream out) {
        write(arrays, out, StoredZip.ZIP64_FROM);
    }

    /** As {@link #write(Map, OutputStream)}, with ZIP64 fields for sizes and offsets from {@code zip64From} on. */
    static void write(Map<String, NpyArray> arrays, OutputStream out, long zip64From) {
        try {
            byte[] block = new byte[BLOCK];
            StoredZip zip = new StoredZip(out, zip64From);
            for (NpyArray array : arrays.values()) {
                byte[] header = header(array);
                zip.startEntry(
                        array.name() + ".npy", checksum(header, array, block), header.length + dataLength(array));
                out.write(header);
                writeData(array, block, out);
            }
            zip.finish();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** The array's data bytes: a large float array converted on all cores while this thread writes. */
    private static void writeData(NpyArray array, byte[] block, OutputStream out) throws IOException {
        double[] data = array.data();
        if (array.kind() != NpyArray.Kind.FLOAT || data.length < Parallel.LARGE_ARRAY) {
            forEachBlock(array, block, (bytes, offset, length) -> {
                try {
                    out.write(bytes, offset, length);
                } catch (IOException failure) {
                    throw new UncheckedIOException(failure);
                }
            });
            return;
        }
        int perBlock = BLOCK / Double.BYTES;
        ParallelBlockWriter.write(
                (data.length + perBlock - 1) / perBlock,
                BLOCK,
                BLOCKS_PER_CORE,
                (index, into) ->
                        littleEndian(data, index * perBlock, Math.min(perBlock, data.length - index * perBlock), into),
                (bytes, length) -> out.write(bytes, 0, length));
    }

    /** The magic string, the version (1.0), the header's length and the header, padded to 64 bytes. */
    private static byte[] header(NpyArray array) {
        String descr = switch (array.kind()) {
            case STRING -> "<U" + array.text().codePointCount(0, array.text().length());
            case INTEGER -> "<i8";
            case BOOLEAN -> "|b1";
            case FLOAT -> "<f8";
        };
        StringBuilder shape = new StringBuilder("(");
        for (int dimension : array.shape()) {
            shape.append(dimension).append(", ");
        }
        if (array.shape().length > 1) {
            shape.setLength(shape.length() - 2);
        } else if (array.shape().length == 1) {
            shape.setLength(shape.length() - 1);
        }
        StringBuilder header =
                new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + "), }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer bytes = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        bytes.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        return bytes.array();
    }

    private static long dataLength(NpyArray array) {
        return switch (array.kind()) {
            case STRING -> 4L * array.text().codePointCount(0, array.text().length());
            case BOOLEAN -> array.data().length;
            case INTEGER, FLOAT -> 8L * array.data().length;
        };
    }

    /** The CRC-32 of the header and the data bytes of the entry of {@code array}. */
    private static long checksum(byte[] header, NpyArray array, byte[] block) {
        CRC32 crc = new CRC32();
        crc.update(header);
        double[] data = array.data();
        if (array.kind() != NpyArray.Kind.FLOAT || data.length < 2 * SEGMENT_ELEMENTS) {
            forEachBlock(array, block, crc::update);
            return crc.getValue();
        }
        int segments = (data.length + SEGMENT_ELEMENTS - 1) / SEGMENT_ELEMENTS;
        int[] segmentCrcs = IntStream.range(0, segments)
                .parallel()
                .map(k -> {
                    CRC32 segmentCrc = new CRC32();
                    int from = k * SEGMENT_ELEMENTS;
                    forEachFloatBlock(
                            data,
                            from,
                            Math.min(data.length, from + SEGMENT_ELEMENTS),
                            new byte[BLOCK],
                            segmentCrc::update);
                    return (int) segmentCrc.getValue();
                })
                .toArray();
        int combined = (int) crc.getValue();
        for (int k = 0; k < segments; k++) {
            long elements = Math.min(data.length - (long) k * SEGMENT_ELEMENTS, SEGMENT_ELEMENTS);
            combined = Crc32Combine.combine(combined, segmentCrcs[k], Double.BYTES * elements);
        }
        return Integer.toUnsignedLong(combined);
    }

    /** A sink of byte blocks: a checksum, or the zip stream. */
    private interface Blocks {
        void accept(byte[] block, int offset, int length);
    }

    /** The array's data bytes, little-endian, handed to {@code sink} one filled block at a time. */
    private static void forEachBlock(NpyArray array, byte[] block, Blocks sink) {
        ByteBuffer buffer = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        if (array.kind() == NpyArray.Kind.STRING) {
            int[] codePoints = array.text().codePoints().toArray();
            for (int codePoint : codePoints) {
                flushIfFull(buffer, 4, sink);
                buffer.putInt(codePoint);
            }
        } else if (array.kind() == NpyArray.Kind.BOOLEAN) {
            for (double value : array.data()) {
                flushIfFull(buffer, 1, sink);
                buffer.put((byte) (value != 0 ? 1 : 0));
            }
        } else if (array.kind() == NpyArray.Kind.INTEGER) {
            for (double value : array.data()) {
                flushIfFull(buffer, 8, sink);
                buffer.putLong((long) value);
            }
        } else {
            forEachFloatBlock(array.data(), 0, array.data().length, block, sink);
            return;
        }
        sink.accept(block, 0, buffer.position());
    }

    /** Elements [from, to) of float data, as little-endian float64 bytes, a filled block at a time. */
    private static void forEachFloatBlock(double[] data, int from, int to, byte[] block, Blocks sink) {
        for (int start = from; start < to; start += BLOCK / Double.BYTES) {
            sink.accept(block, 0, littleEndian(data, start, Math.min(BLOCK / Double.BYTES, to - start), block));
        }
    }

    /**
     * Elements [from, from + count) of float data as little-endian float64 bytes at the start of {@code into};
     * a non-finite one is refused (the service checked the answer before: one here is a bug).
     */
    private static int littleEndian(double[] data, int from, int count, byte[] into) {
        for (int k = from; k < from + count; k++) {
            if (!Double.isFinite(data[k])) {
                throw new IllegalStateException("an answer holds a number that is not finite (" + data[k] + "): a bug");
            }
        }
        ByteBuffer.wrap(into).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(data, from, count);
        return Double.BYTES * count;
    }

    private static void flushIfFull(ByteBuffer buffer, int needed, Blocks sink) {
        if (buffer.remaining() < needed) {
            sink.accept(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }
}
