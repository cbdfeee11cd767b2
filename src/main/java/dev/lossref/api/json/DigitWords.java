package dev.lossref.api.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Words of eight ASCII digits, the unit in which {@link DecimalParser} reads numbers and {@link ShortestDecimal}
 * writes them: a word holds eight bytes of a byte array in little-endian order, its first byte lowest. Each
 * method works on all eight bytes at once with a few integer operations (SWAR), which is what makes a number
 * of 17 digits two steps instead of seventeen.
 */
final class DigitWords {

    /** Eight {@code '0'} bytes. */
    static final long ZEROS = 0x3030_3030_3030_3030L;
    /** 10^k for k from 0 to 18: the scale of a run of k digits, and every power a long holds. */
    static final long[] POWERS_OF_TEN = new long[19];

    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        POWERS_OF_TEN[0] = 1;
        for (int k = 1; k < POWERS_OF_TEN.length; k++) {
            POWERS_OF_TEN[k] = 10 * POWERS_OF_TEN[k - 1];
        }
    }

    private DigitWords() {}

    /** The word at {@code pos}, which must have eight bytes from it. */
    static long read(byte[] bytes, int pos) {
        return (long) LONGS.get(bytes, pos);
    }

    /** Writes {@code word} at {@code pos}, which must have eight bytes from it. */
    static void write(byte[] bytes, int pos, long word) {
        LONGS.set(bytes, pos, word);
    }

    /**
     * How many bytes of a little-endian word, from its first, are ASCII digits. Per byte {@code x = byte ^ '0'}
     * is below 10 for a digit; adding 0x76 sets the high bit of any other (a carry out of a byte comes only
     * from one that is not a digit, so it never spoils the bytes before the first such).
     */
    static int leadingDigits(long word) {
        long x = word ^ ZEROS;
        return Long.numberOfTrailingZeros(((x + 0x7676_7676_7676_7676L) | x) & HIGH_BITS) >>> 3;
    }

    /**
     * The value of the first {@code run} (0 to 8) bytes of a little-endian word, all digits: they are moved to the
     * top of the word with zeros before them (two shifts, so that a run of 0 shifts all out), and the eight
     * digits are read as one number with simdjson's SWAR steps.
     */
    static long value(long word, int run) {
        int shift = Long.SIZE / 2 - Byte.SIZE / 2 * run;
        long v = ((word << shift) << shift | ZEROS >>> (Byte.SIZE * run)) - ZEROS;
        v = v * 10 + (v >>> 8);
        return ((v & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32))
                        + ((v >>> 16) & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32)))
                >>> 32;
    }

    /**
     * The eight digits of {@code a < 10^8} as ASCII in a little-endian word, its first digit in the lowest byte:
     * split into halves of four digits in two 32-bit lanes, each into two of two digits in 16-bit lanes, each
     * into two digits in bytes, by multiplying with fixed-point reciprocals that are exact in those ranges.
     */
    static long ascii(int a) {
        long high = a * 109_951_163L >>> 40;
        long v = high | (a - 10_000 * high) << 32;
        long q = (v * 10_486 >>> 20) & 0x0000_007F_0000_007FL;
        v = q | (v - 100 * q) << 16;
        q = (v * 103 >>> 10) & 0x000F_000F_000F_000FL;
        v = q | (v - 10 * q) << 8;
        return v + ZEROS;
    }

    /** How many of the last digits of a word of {@link #ascii} are zeros. */
    static int trailingZeros(long digits) {
        return Long.numberOfLeadingZeros(digits ^ ZEROS) >>> 3;
    }
}
