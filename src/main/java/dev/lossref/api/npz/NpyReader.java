package dev.lossref.api.npz;

import dev.lossref.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one {@code .npy} array. The format (NumPy's NEP 1) is a fixed preamble and a Python dict literal:
 * <pre>
 *   \x93NUMPY  major minor  header-length (2 bytes little-endian in 1.0, 4 in 2.0 and 3.0)
 *   {'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }   padded with spaces, ending in \n
 *   the elements, row-major (C) or column-major (Fortran), in the dtype's byte order
 * </pre>
 * descr is a byte order ({@code <} little, {@code >} big, {@code |} or {@code =} none or native) and a
 * type: {@code f4 f8} floats, {@code i1 i2 i4 i8 u1 u2 u4 u8} integers, {@code b1} booleans,
 * {@code U<n>} unicode (4 bytes a character), and {@code O}, pickled Python objects, which are refused.
 */
final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy writes headers of a few hundred bytes; a larger one is not an array the service can use. */
    private static final int MAX_HEADER = 65_536;
    /** Bytes read and widened at a time: a multiple of every element size. */
    private static final int BLOCK = 1 << 16;
    /** Elements allocated first for an array whose data may not all come (doubled as it does). */
    private static final int FIRST_ELEMENTS = 1 << 13;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])?([a-zA-Z])(\\d*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    /**
     * @param maxElements the most elements this array may declare
     * @param maxBytes the most data bytes this array may declare
     * @param upfrontBytes the most bytes of doubles that may be allocated before their data arrives (see {@link
     * #values})
     */
    static NpyArray read(InputStream in, String name, long maxElements, long maxBytes, long upfrontBytes)
            throws IOException {
        byte[] preamble = in.readNBytes(8);
        if (preamble.length < 8 || !Arrays.equals(Arrays.copyOf(preamble, 6), MAGIC)) {
            throw new NpzFormatException(name, "is not a .npy array (no \\x93NUMPY magic)");
        }
        int major = preamble[6];
        int headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(ByteBuffer.wrap(in.readNBytes(2))
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getShort());
        } else if (major == 2 || major == 3) {
            byte[] length = in.readNBytes(4);
            headerLength = length.length < 4
                    ? -1
                    : ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } else {
            throw new NpzFormatException(name, "has .npy format version " + major + "; 1, 2 and 3 are read");
        }
        if (headerLength < 0 || headerLength > MAX_HEADER) {
            throw new NpzFormatException(name, "declares a header of " + headerLength + " bytes");
        }
        byte[] headerBytes = in.readNBytes(headerLength);
        if (headerBytes.length < headerLength) {
            throw new NpzFormatException(name, "is truncated in its header");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher order = ORDER.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !order.find() || !shapeText.find()) {
            throw new NpzFormatException(
                    name, "has a header without a simple descr, fortran_order and shape: " + header.trim());
        }
        Dtype dtype = Dtype.of(name, descr.group(1), descr.group(2), descr.group(3));
        int[] shape = shape(name, shapeText.group(1));
        long count = count(name, shape);
        if (count > maxElements || count * dtype.size() > maxBytes) {
            throw new NpzTooLargeException(
                    name + " declares " + count + " elements of " + dtype.size() + " bytes, beyond the request limits");
        }
        if (dtype.kind() == NpyArray.Kind.STRING) {
            if (shape.length != 0) {
                throw new NpzFormatException(
                        name, "is an array of strings; only 0-d strings (hyperparameters) are read");
            }
            byte[] data = in.readNBytes(dtype.size());
            if (data.length < dtype.size()) {
                throw truncated(name, dtype.size(), data.length);
            }
            return new NpyArray(name, shape, new double[0], NpyArray.Kind.STRING, dtype.text(name, data));
        }
        double[] values = values(in, name, dtype, (int) count, upfrontBytes);
        boolean fortran = order.group(1).equals("True");
        return new NpyArray(
                name, shape, fortran && shape.length > 1 ? toRowMajor(values, shape) : values, dtype.kind(), null);
    }

    /**
     * Reads {@code count} elements a block at a time, widening each block straight into the array: no copy of
     * the data as bytes, which for a 4096 x 1000 float64 array is 32 MB allocated, zeroed and copied twice. The
     * array of doubles is allocated whole when it fits in {@code upfrontBytes} (what is left of the body's
     * declared length, which the request's permits already cover); otherwise, as when an archive is compressed or its
     * header lies about
     * its size, it starts small and doubles as data arrives, so that it never outgrows what was sent.
     */
    private static double[] values(InputStream in, String name, Dtype dtype, int count, long upfrontBytes)
            throws IOException {
        int size = dtype.size();
        long declared = (long) count * size;
        double[] values =
                new double[(long) count * Double.BYTES <= upfrontBytes ? count : Math.min(count, FIRST_ELEMENTS)];
        byte[] block = new byte[(int) Math.min(BLOCK, declared)];
        ByteBuffer buffer = ByteBuffer.wrap(block).order(dtype.order());
        for (int done = 0; done < count; ) {
            int elements = Math.min(count - done, BLOCK / size);
            int received = in.readNBytes(block, 0, elements * size);
            if (received < elements * size) {
                throw truncated(name, declared, (long) done * size + received);
            }
            if (done + elements > values.length) {
                values = Arrays.copyOf(values, (int) Math.max(done + elements, Math.min(count, 2L * values.length)));
            }
            dtype.widen(buffer, values, done, elements);
            done += elements;
        }
        return values;
    }

    private static NpzFormatException truncated(String name, long declared, long held) {
        return new NpzFormatException(
                name, "is truncated: its header declares " + declared + " bytes of data, the file holds " + held);
    }

    /** The number of elements of {@code shape}; a product past 2^63 is too large, not an arithmetic failure. */
    private static long count(String name, int[] shape) {
        long count = 1;
        try {
            for (int dimension : shape) {
                count = Math.multiplyExact(count, dimension);
            }
        } catch (ArithmeticException overflow) {
            throw new NpzTooLargeException(name + " declares more than 2^63 elements, beyond the request limits");
        }
        return count;
    }

    private static int[] shape(String name, String text) {
        String[] parts = text.split(",");
        int rank = 0;
        int[] shape = new int[parts.length];
        for (String part : parts) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                long dimension =
                        Long.parseLong(trimmed.endsWith("L") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
                if (dimension < 0 || dimension > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                shape[rank++] = (int) dimension;
            } catch (NumberFormatException notADimension) {
                throw new NpzFormatException(name, "has a shape that is not a tuple of sizes: (" + text + ")");
            }
        }
        if (rank > Tensor.MAX_RANK) {
            throw new NpzFormatException(name, "has " + rank + " axes; at most " + Tensor.MAX_RANK + " are read");
        }
        return Arrays.copyOf(shape, rank);
    }

    /**
     * Column-major to row-major, for any rank: the row-major elements in order, the column-major offset
     * following them (axis 0 moves fastest in Fortran order, the last axis in C order).
     */
    private static double[] toRowMajor(double[] values, int[] shape) {
        double[] rowMajor = new double[values.length];
        int rank = shape.length;
        int[] stride = new int[rank];
        for (int axis = 0, size = 1; axis < rank; size *= shape[axis], axis++) {
            stride[axis] = size;
        }
        int[] index = new int[rank];
        int offset = 0;
        for (int k = 0; k < rowMajor.length; k++) {
            rowMajor[k] = values[offset];
            for (int axis = rank - 1; axis >= 0; axis--) {
                offset += stride[axis];
                if (++index[axis] < shape[axis]) {
                    break;
                }
                offset -= stride[axis] * shape[axis];
                index[axis] = 0;
            }
        }
        return rowMajor;
    }

    /** A dtype the service reads: its kind, element size and byte order. */
    private record Dtype(NpyArray.Kind kind, char type, int size, ByteOrder order) {

        static Dtype of(String name, String byteOrder, String type, String digits) {
            ByteOrder order = ">".equals(byteOrder) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            int size;
            try {
                size = digits.isEmpty() ? 0 : Integer.parseInt(digits);
            } catch (NumberFormatException tooLong) {
                size = -1;
            }
            char code = type.charAt(0);
            Dtype dtype = switch (code) {
                case 'f' -> size == 4 || size == 8 ? new Dtype(NpyArray.Kind.FLOAT, code, size, order) : null;
                case 'i', 'u' ->
                    size == 1 || size == 2 || size == 4 || size == 8
                            ? new Dtype(NpyArray.Kind.INTEGER, code, size, order)
                            : null;
                case 'b' -> size == 1 ? new Dtype(NpyArray.Kind.BOOLEAN, code, 1, order) : null;
                case 'U' -> size >= 0 && size <= 10_000 ? new Dtype(NpyArray.Kind.STRING, code, 4 * size, order) : null;
                case 'O' ->
                    throw new NpzFormatException(
                            name,
                            "is an object array (pickled Python objects), which is never unpickled: send numbers or "
                                    + "0-d strings");
                default -> null;
            };
            if (dtype == null) {
                throw new NpzFormatException(
                        name,
                        "has dtype '" + (byteOrder == null ? "" : byteOrder) + type + digits
                                + "'; read are f4, f8, i1-i8, u1-u8, b1 and 0-d U strings");
            }
            return dtype;
        }

        /** Widens the {@code count} elements at the start of {@code buffer} into {@code values} from {@code offset}. */
        void widen(ByteBuffer buffer, double[] values, int offset, int count) {
            if (type == 'f' && size == 8) {
                // the common case in one bulk copy (byte-swapped if the file is big-endian)
                buffer.asDoubleBuffer().get(0, values, offset, count);
                return;
            }
            buffer.clear();
            for (int k = offset; k < offset + count; k++) {
                values[k] = switch (type) {
                    case 'f' -> size == 8 ? buffer.getDouble() : buffer.getFloat();
                    case 'b' -> buffer.get() != 0 ? 1 : 0;
                    case 'i' ->
                        switch (size) {
                            case 1 -> buffer.get();
                            case 2 -> buffer.getShort();
                            case 4 -> buffer.getInt();
                            default -> buffer.getLong();
                        };
                    default ->
                        switch (size) {
                            case 1 -> Byte.toUnsignedInt(buffer.get());
                            case 2 -> Short.toUnsignedInt(buffer.getShort());
                            case 4 -> Integer.toUnsignedLong(buffer.getInt());
                            default -> unsigned(buffer.getLong());
                        };
                };
            }
        }

        private static double unsigned(long bits) {
            return bits >= 0 ? bits : (bits >>> 1) * 2.0 + (bits & 1);
        }

        String text(String name, byte[] data) {
            ByteBuffer buffer = ByteBuffer.wrap(data).order(order);
            StringBuilder text = new StringBuilder();
            while (buffer.remaining() >= 4) {
                int codePoint = buffer.getInt();
                if (codePoint == 0) {
                    break;
                }
                if (!Character.isValidCodePoint(codePoint)) {
                    throw new NpzFormatException(name, "holds a character that is not unicode: " + codePoint);
                }
                text.appendCodePoint(codePoint);
            }
            return text.toString();
        }
    }
}
