package dev.lossref.api.npz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes arrays as an uncompressed {@code .npz} archive (as {@code numpy.savez} does): float64 ({@code <f8})
 * for numbers, int64 ({@code <i8}) for indices, booleans ({@code |b1}), 0-d unicode ({@code <U}) for strings, each a version 1.0
 * {@code .npy} entry whose header is padded to a multiple of 64 bytes.
 */
public final class NpzWriter {

    private NpzWriter() {
    }

    public static void write(Map<String, NpyArray> arrays, OutputStream out) {
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (NpyArray array : arrays.values()) {
                byte[] npy = npy(array);
                ZipEntry entry = new ZipEntry(array.name() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(npy.length);
                CRC32 crc = new CRC32();
                crc.update(npy);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(npy);
                zip.closeEntry();
            }
            zip.finish();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static byte[] npy(NpyArray array) {
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        bytes.write(header.length() & 0xff);
        bytes.write(header.length() >>> 8);
        bytes.writeBytes(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (array.kind() == NpyArray.Kind.STRING) {
            ByteBuffer text = ByteBuffer.allocate(4 * array.text().codePointCount(0, array.text().length()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            array.text().codePoints().forEach(text::putInt);
            bytes.writeBytes(text.array());
        } else if (array.kind() == NpyArray.Kind.BOOLEAN) {
            for (double value : array.data()) {
                bytes.write(value != 0 ? 1 : 0);
            }
        } else {
            ByteBuffer data = ByteBuffer.allocate(8 * array.data().length).order(ByteOrder.LITTLE_ENDIAN);
            boolean integral = array.kind() == NpyArray.Kind.INTEGER;
            for (double value : array.data()) {
                if (integral) {
                    data.putLong((long) value);
                } else {
                    data.putDouble(value);
                }
            }
            bytes.writeBytes(data.array());
        }
        return bytes.toByteArray();
    }
}
