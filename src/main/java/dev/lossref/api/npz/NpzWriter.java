package dev.lossref.api.npz;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes arrays as an uncompressed {@code .npz} archive (as {@code numpy.savez} does): float64 ({@code <f8})
 * for numbers, int64 ({@code <i8}) for indices, booleans ({@code |b1}), 0-d unicode ({@code <U}) for strings, each a version 1.0
 * {@code .npy} entry whose header is padded to a multiple of 64 bytes.
 *
 * <p>The archive is streamed: a stored zip entry declares its CRC-32 before its data, so each array's bytes
 * are formed twice, block by block through one 64 KiB buffer (once for the checksum, once for the
 * stream), rather than held whole: a 4096 x 1000 gradient is 32 MB, and copies of it cost more than
 * converting it again. The checksum of a large float array is taken in segments on all cores and the
 * segments' CRCs combined ({@link Crc32Combine}): for that gradient, 7-8 ms on one thread here.
 */
public final class NpzWriter {

    private static final int BLOCK = 1 << 16;
    /** Float arrays are checksummed in segments of this many elements (1 MiB) when they have two or more. */
    private static final int SEGMENT_ELEMENTS = 1 << 17;

    private NpzWriter() {
    }

    public static void write(Map<String, NpyArray> arrays, OutputStream out) {
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            byte[] block = new byte[BLOCK];
            for (NpyArray array : arrays.values()) {
                byte[] header = header(array);
                ZipEntry entry = new ZipEntry(array.name() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(header.length + dataLength(array));
                entry.setCrc(checksum(header, array, block));
                zip.putNextEntry(entry);
                zip.write(header);
                forEachBlock(array, block, (bytes, offset, length) -> {
                    try {
                        zip.write(bytes, offset, length);
                    } catch (IOException failure) {
                        throw new UncheckedIOException(failure);
                    }
                });
                zip.closeEntry();
            }
            zip.finish();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
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
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + shape + "), }");
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
        int[] segmentCrcs = IntStream.range(0, segments).parallel().map(k -> {
            CRC32 segmentCrc = new CRC32();
            int from = k * SEGMENT_ELEMENTS;
            forEachFloatBlock(data, from, Math.min(data.length, from + SEGMENT_ELEMENTS), new byte[BLOCK], segmentCrc::update);
            return (int) segmentCrc.getValue();
        }).toArray();
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
        DoubleBuffer doubles = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        for (int start = from; start < to; start += BLOCK / Double.BYTES) {
            int count = Math.min(BLOCK / Double.BYTES, to - start);
            doubles.clear();
            doubles.put(data, start, count);
            sink.accept(block, 0, Double.BYTES * count);
        }
    }

    private static void flushIfFull(ByteBuffer buffer, int needed, Blocks sink) {
        if (buffer.remaining() < needed) {
            sink.accept(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }
}
