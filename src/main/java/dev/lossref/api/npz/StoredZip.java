package dev.lossref.api.npz;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The zip container of an {@code .npz} answer, written as {@link NpzWriter} streams its entries: stored
 * (uncompressed) entries whose CRC-32 and size are known before their data. It is the layout of PKWARE's APPNOTE
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
final class StoredZip {

    /** Sizes and offsets from this on are written as ZIP64 fields. */
    static final long ZIP64_FROM = 0xffff_ffffL;
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

    private final OutputStream out;
    private final long zip64From;
    private final List<Entry> entries = new ArrayList<>();
    private long offset;

    /** A container written to {@code out}, with ZIP64 fields for sizes and offsets from {@code zip64From} on. */
    StoredZip(OutputStream out, long zip64From) {
        this.out = out;
        this.zip64From = zip64From;
    }

    /** Writes the local header of an entry; the caller then writes exactly its {@code size} bytes of data. */
    void startEntry(String name, long crc, long size) throws IOException {
        Entry entry = new Entry(name.getBytes(StandardCharsets.UTF_8), crc, size, offset);
        entries.add(entry);
        byte[] local = entry.localHeader(zip64From);
        out.write(local);
        offset += local.length + size;
    }

    /** Writes the central directory and the end records, after the last entry's data. */
    void finish() throws IOException {
        long directoryOffset = offset;
        boolean zip64 = directoryOffset >= zip64From;
        for (Entry entry : entries) {
            byte[] central = entry.centralHeader(zip64From);
            out.write(central);
            offset += central.length;
            zip64 |= entry.size() >= zip64From || entry.offset() >= zip64From;
        }
        out.write(end(entries.size(), directoryOffset, offset - directoryOffset, zip64, zip64From));
    }

    /** One stored entry: its name, CRC-32, size (header and data) and the offset of its local header. */
    private record Entry(byte[] name, long crc, long size, long offset) {

        byte[] localHeader(long zip64From) {
            boolean large = size >= zip64From;
            ByteBuffer bytes = little(30 + name.length + (large ? 20 : 0));
            bytes.putInt(0x04034b50).putShort((short) (large ? ZIP64_VERSION : STORED_VERSION));
            common(bytes, large);
            bytes.putShort((short) name.length)
                    .putShort((short) (large ? 20 : 0))
                    .put(name);
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
            bytes.putShort((short) name.length)
                    .putShort((short) (extra > 0 ? 4 + extra : 0))
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putInt(0)
                    .putInt((int) (far ? ZIP64_FROM : offset))
                    .put(name);
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
            bytes.putShort((short) (ascii ? 0 : UTF8_NAMES))
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putShort((short) DOS_DATE)
                    .putInt((int) crc)
                    .putInt(sizeField)
                    .putInt(sizeField);
        }
    }

    /** The end of central directory record, after the ZIP64 end record and its locator when anything needs them. */
    private static byte[] end(int entries, long directoryOffset, long directorySize, boolean zip64, long zip64From) {
        ByteBuffer bytes = little((zip64 ? 56 + 20 : 0) + 22);
        long endOffset = directoryOffset + directorySize;
        if (zip64) {
            bytes.putInt(0x06064b50)
                    .putLong(44)
                    .putShort((short) ZIP64_VERSION)
                    .putShort((short) ZIP64_VERSION)
                    .putInt(0)
                    .putInt(0)
                    .putLong(entries)
                    .putLong(entries)
                    .putLong(directorySize)
                    .putLong(directoryOffset);
            bytes.putInt(0x07064b50).putInt(0).putLong(endOffset).putInt(1);
        }
        bytes.putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) entries)
                .putShort((short) entries)
                .putInt((int) (directorySize >= zip64From ? ZIP64_FROM : directorySize))
                .putInt((int) (directoryOffset >= zip64From ? ZIP64_FROM : directoryOffset))
                .putShort((short) 0);
        return bytes.array();
    }

    private static ByteBuffer little(int length) {
        return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
