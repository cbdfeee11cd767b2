package dev.lossref.api.npz;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * converting it again.
 */
public final class NpzWriter {

    private static final int BLOCK = 1 << 16;

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
                CRC32 crc = new CRC32();
                crc.update(header);
                forEachBlock(array, block, crc::update);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(header);
                forEachBlock(array, block, zip::write);
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

    /** A sink of byte blocks: a checksum, or the zip stream. */
    private interface Blocks {
        void accept(byte[] block, int offset, int length) throws IOException;
    }

    /** The array's data bytes, little-endian, handed to {@code sink} one filled block at a time. */
    private static void forEachBlock(NpyArray array, byte[] block, Blocks sink) throws IOException {
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
            DoubleBuffer doubles = buffer.asDoubleBuffer();
            double[] data = array.data();
            for (int from = 0; from < data.length; from += BLOCK / 8) {
                int count = Math.min(BLOCK / 8, data.length - from);
                doubles.clear();
                doubles.put(data, from, count);
                sink.accept(block, 0, 8 * count);
            }
            return;
        }
        sink.accept(block, 0, buffer.position());
    }

    private static void flushIfFull(ByteBuffer buffer, int needed, Blocks sink) throws IOException {
        if (buffer.remaining() < needed) {
            sink.accept(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }
}
