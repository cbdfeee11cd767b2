package dev.lossref.api.npz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A float64 archive written without the service's writer, which refuses non-finite numbers: what a client
 * holding NaN or Infinity in its arrays sends, built the way numpy's {@code savez} lays it out.
 */
public final class RawArchive {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(bytes);

    public RawArchive float64(String name, int[] shape, double[] data) {
        return entry(name, "<f8", shape, data, true);
    }

    public RawArchive int64(String name, int[] shape, double[] data) {
        return entry(name, "<i8", shape, data, false);
    }

    public byte[] bytes() {
        try {
            zip.close();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return bytes.toByteArray();
    }

    private RawArchive entry(String name, String descr, int[] shape, double[] data, boolean floating) {
        StringBuilder dimensions = new StringBuilder("(");
        for (int dimension : shape) {
            dimensions.append(dimension).append(", ");
        }
        StringBuilder header =
                new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dimensions + "), }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer body =
                ByteBuffer.allocate(10 + header.length() + 8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        body.put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put((byte) 0);
        body.putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.US_ASCII));
        for (double value : data) {
            if (floating) {
                body.putDouble(value);
            } else {
                body.putLong((long) value);
            }
        }
        try {
            zip.putNextEntry(new ZipEntry(name + ".npy"));
            zip.write(body.array());
            zip.closeEntry();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return this;
    }
}
