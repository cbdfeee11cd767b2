package dev.lossref.api.npz;

import dev.lossref.api.io.ParallelBlockWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * Writes arrays as an uncompressed {@code .npz} archive (as {@code numpy.savez} does): float64 ({@code <f8})
 * for numbers, int64 ({@code <i8}) for indices, booleans ({@code |b1}), 0-d unicode ({@code <U}) for strings, each a version 1.0
 * {@code .npy} entry whose header is padded to a multiple of 64 bytes.
 *
 * <p>The archive is streamed. A stored zip entry declares its CRC-32 before its data, so each array's bytes are
 * formed twice rather than held whole (a 4096 x 1000 gradient is 32 MB): once for the checksum, in segments on all
 * cores whose CRCs are joined ({@link Crc32Combine}; 7-8 ms on one thread here), and once for the stream, converted
 * on all cores while the calling thread writes ({@link ParallelBlockWriter}).
 *
 * <p>The zip container is written here, not by {@code java.util.zip.ZipOutputStream}, which computes every stored
 * entry's CRC-32 again on the calling thread (4-5 ms for that gradient). It is the layout of PKWARE's APPNOTE
 * 6.3.10, all little-endian:
 * <ul>
 * <li>per entry, a local file header (signature 0x04034b50, version needed, flags, method 0 = stored, DOS time and
 * date, CRC-32, compressed and uncompressed size, name length, extra length, name, extra), then the data;
 * <li>per entry, a central directory header (0x02014b50, version made by, then the same fields, comment length,
 * disk, attributes and the offset of the local header);
 * <li>the end of central directory record (0x06054b50: entry counts, the directory's size and offset).
 * </ul>
 * A size or offset that does not fit 32 bits is 0xffffffff there and stands in a ZIP64 extra field (id 1), and the
 * end record is preceded by the ZIP64 end record (0x06064b50) and its locator (0x07064b50), as ZipOutputStream
 * writes them. No data descriptors: readers that walk local headers (cnpy, {@code ZipInputStream}) need the sizes
 * there.
 */
public final class NpzWriter {

    private static final int BLOCK = 1 << 16;
    /** Float arrays are checksummed in segments of this many elements (1 MiB) when they have two or more. */
    private static final int SEGMENT_ELEMENTS = 1 << 17;
    /** Float arrays of at least this many elements are converted on all cores as they are written. */
    private static final int PARALLEL_ELEMENTS = 1 << 17;
    private static final int BLOCKS_PER_CORE = 16;
    /** Sizes and offsets from this on are written as ZIP64 fields. */
    private static final long ZIP64_FROM = 0xffff_ffffL;
    /** January 1, 1980, 00:00, the earliest DOS date: archives of the same arrays are the same bytes. */
    private static final int DOS_DATE = 1 << 5 | 1;
    private static final int STORED_VERSION = 10;
    private static final int ZIP64_VERSION = 45;
    private static final int UTF8_NAMES = 1 << 11;
    /**
     * "Version made by" names Unix as the host, as Python's zipfile does on Linux: for an MS-DOS host, Info-ZIP's
     * unzip reads a name in code page 437 and then finds a non-ASCII name differ between the two headers.
     */
    private static final int MADE_ON_UNIX = 3 << 8;

    private NpzWriter() {
    }

    public static void write(Map<String, NpyArray> arrays, OutputStream out) {
        write(arrays, out, ZIP64_FROM);
    }

    /** As {@link #write(Map, OutputStream)}, with ZIP64 fields for sizes and offsets from {@code zip64From} on. */
    static void write(Map<String, NpyArray> arrays, OutputStream out, long zip64From) {
        try {
            byte[] block = new byte[BLOCK];
            List<Entry> entries = new ArrayList<>();
            long offset = 0;
            for (NpyArray array : arrays.values()) {
                byte[] header = header(array);
                byte[] name = (array.name() + ".npy").getBytes(StandardCharsets.UTF_8);
                Entry entry = new Entry(name, checksum(header, array, block), header.length + dataLength(array), offset);
                entries.add(entry);
                byte[] local = entry.localHeader(zip64From);
                out.write(local);
                out.write(header);
                writeData(array, block, out);
                offset += local.length + entry.size();
            }
            long directoryOffset = offset;
            boolean zip64 = directoryOffset >= zip64From;
            for (Entry entry : entries) {
                byte[] central = entry.centralHeader(zip64From);
                out.write(central);
                offset += central.length;
                zip64 |= entry.size() >= zip64From || entry.offset() >= zip64From;
            }
            out.write(end(entries.size(), directoryOffset, offset - directoryOffset, zip64, zip64From));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** One stored entry: its name, CRC-32, size (header and data) and the offset of its local header. */
    private record Entry(byte[] name, long crc, long size, long offset) {

        byte[] localHeader(long zip64From) {
            boolean large = size >= zip64From;
            ByteBuffer bytes = little(30 + name.length + (large ? 20 : 0));
            bytes.putInt(0x04034b50).putShort((short) (large ? ZIP64_VERSION : STORED_VERSION));
            common(bytes, large);
            bytes.putShort((short) name.length).putShort((short) (large ? 20 : 0)).put(name);
            if (large) {
                bytes.putShort((short) 1).putShort((short) 16).putLong(size).putLong(size);
            }
            return bytes.array();
        }

        byte[] centralHeader(long zip64From) {
            boolean large = size >= zip64From;
            boolean far = offset >= zip64From;
            int extra = (large ? 16 : 0) + (far ? 8 : 0);
            ByteBuffer bytes = little(46 + name.length + (extra > 0 ? 4 + extra : 0));
            int version = extra > 0 ? ZIP64_VERSION : STORED_VERSION;
            bytes.putInt(0x02014b50).putShort((short) (MADE_ON_UNIX | version)).putShort((short) version);
            common(bytes, large);
            bytes.putShort((short) name.length).putShort((short) (extra > 0 ? 4 + extra : 0)).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) (far ? ZIP64_FROM : offset)).put(name);
            if (extra > 0) {
                bytes.putShort((short) 1).putShort((short) extra);
                if (large) {
                    bytes.putLong(size).putLong(size);
                }
                if (far) {
                    bytes.putLong(offset);
                }
            }
            return bytes.array();
        }

        /** Flags, method (stored), time, date, CRC-32 and both sizes: the fields both headers share. */
        private void common(ByteBuffer bytes, boolean large) {
            boolean ascii = true;
            for (byte b : name) {
                ascii &= b >= 0;
            }
            int sizeField = (int) (large ? ZIP64_FROM : size);
            bytes.putShort((short) (ascii ? 0 : UTF8_NAMES)).putShort((short) 0).putShort((short) 0)
                    .putShort((short) DOS_DATE).putInt((int) crc).putInt(sizeField).putInt(sizeField);
        }
    }

    /** The end of central directory record, after the ZIP64 end record and its locator when anything needs them. */
    private static byte[] end(int entries, long directoryOffset, long directorySize, boolean zip64, long zip64From) {
        ByteBuffer bytes = little((zip64 ? 56 + 20 : 0) + 22);
        long endOffset = directoryOffset + directorySize;
        if (zip64) {
            bytes.putInt(0x06064b50).putLong(44).putShort((short) ZIP64_VERSION).putShort((short) ZIP64_VERSION)
                    .putInt(0).putInt(0).putLong(entries).putLong(entries).putLong(directorySize).putLong(directoryOffset);
            bytes.putInt(0x07064b50).putInt(0).putLong(endOffset).putInt(1);
        }
        bytes.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries).putShort((short) entries)
                .putInt((int) (directorySize >= zip64From ? ZIP64_FROM : directorySize))
                .putInt((int) (directoryOffset >= zip64From ? ZIP64_FROM : directoryOffset)).putShort((short) 0);
        return bytes.array();
    }

    private static ByteBuffer little(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The array's data bytes: a large float array converted on all cores while this thread writes. */
    private static void writeData(NpyArray array, byte[] block, OutputStream out) throws IOException {
        double[] data = array.data();
        if (array.kind() != NpyArray.Kind.FLOAT || data.length < PARALLEL_ELEMENTS) {
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
        ParallelBlockWriter.write((data.length + perBlock - 1) / perBlock, BLOCK, BLOCKS_PER_CORE, (index, into) -> {
            int from = index * perBlock;
            int count = Math.min(perBlock, data.length - from);
            ByteBuffer.wrap(into).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(data, from, count);
            return Double.BYTES * count;
        }, (bytes, length) -> out.write(bytes, 0, length));
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
