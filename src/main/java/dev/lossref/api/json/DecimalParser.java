package dev.lossref.api.json;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Reads one JSON number token ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}) from a byte array into
 * the nearest double, finding its end as it goes: the fast path's counterpart of {@link ShortestDecimal}.
 *
 * <p>Why not FastDoubleParser alone: the fast path found a number's end in one pass, checked it for a
 * fraction in a second and parsed it in a third, about 80 ns a number, most of a large request's CPU.
 * Here one pass reads the digits (eight at a time where they run on), and the value is exact from them:
 * <ul>
 *   <li>{@code w 10^q} with {@code w < 2^53} and {@code |q| <= 22} is one correctly rounded multiplication or
 *       division of two exact doubles (Clinger's fast path);</li>
 *   <li>otherwise, up to 19 significant digits, Eisel and Lemire's algorithm (D. Lemire, "Number parsing at a
 *       gigabyte per second", Software: Practice and Experience 51(8), 2021, the algorithm of
 *       {@code fast_float} and of FastDoubleParser): {@code w} times a 128-bit truncation of {@code 5^q},
 *       which decides the rounding from the product's top bits;</li>
 *   <li>anything else (more than 19 digits, the rare product whose rounding those bits cannot decide) is
 *       left to FastDoubleParser's {@link JsonDoubleParser}, the parser Jackson uses.</li>
 * </ul>
 * The table of {@code 5^q} for {@code -342 <= q <= 308} (every power that matters for a 19-digit {@code w};
 * beyond it the value is zero or infinite) is computed once at class load with {@link BigInteger}, as
 * {@code fast_float}'s generator script defines it.
 */
final class DecimalParser {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private static final int MAX_DIGITS = 19;
    /** The words of eight bytes {@link #parseCommon} reads for a fraction, and all the bytes it may read. */
    private static final int FRACTION_WORDS = 3;
    private static final int COMMON_SPAN = 1 + (1 + FRACTION_WORDS) * Long.BYTES;
    private static final int NOT_COMMON = -1;
    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    private static final int MANTISSA_BITS = 52;
    private static final long INFINITY_EXPONENT = 0x7ff;
    /** Only {@code w 10^q} with q in this range can fall exactly halfway between two doubles. */
    private static final int HALFWAY_MIN_Q = -4;
    private static final int HALFWAY_MAX_Q = 23;
    /** Decimal exponents beyond this are as good as infinite; the parse stops counting there. */
    private static final int EXPONENT_CAP = 100_000;

    private static final double[] EXACT_POWERS_OF_TEN = new double[23];
    /** For q from {@link #SMALLEST_POWER} on, the high then the low 64 bits of 5^q as 128 bits, top bit set. */
    private static final long[] POWERS_OF_FIVE = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];

    static {
        for (int i = 0; i < EXACT_POWERS_OF_TEN.length; i++) {
            EXACT_POWERS_OF_TEN[i] = i == 0 ? 1.0 : EXACT_POWERS_OF_TEN[i - 1] * 10.0;
        }
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
            BigInteger truncated;
            if (q < 0) {
                // 2^b / 5^-q rounded up, with b such that it has at least 128 bits, then cut to its top 128.
                BigInteger power = BigInteger.valueOf(5).pow(-q);
                int z = power.subtract(BigInteger.ONE).bitLength();
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                truncated = BigInteger.ONE.shiftLeft(b).divide(power).add(BigInteger.ONE);
                while (truncated.compareTo(two128) >= 0) {
                    truncated = truncated.shiftRight(1);
                }
            } else {
                BigInteger power = BigInteger.valueOf(5).pow(q);
                int shift = 128 - power.bitLength();
                truncated = shift >= 0 ? power.shiftLeft(shift) : power.shiftRight(-shift);
            }
            int index = 2 * (q - SMALLEST_POWER);
            POWERS_OF_FIVE[index] = truncated.shiftRight(64).longValue();
            POWERS_OF_FIVE[index + 1] = truncated.longValue();
        }
    }

    private final int maxLength;
    /** The value of the last number parsed. */
    double value;
    /** Whether the last number parsed was written as a JSON integer (no fraction, no exponent). */
    boolean integral;

    /** A parser of numbers of at most {@code maxLength} characters. */
    DecimalParser(int maxLength) {
        this.maxLength = maxLength;
    }

    /**
     * Parses the number token that starts at {@code pos}: sets {@link #value} and {@link #integral} and returns the
     * position of the first byte after it (whatever that byte is, it is the caller's to judge), or returns -1 when
     * the bytes there do not begin with a JSON number, or the number is longer than the parser's limit (refused
     * before any slow parse), or it is not finite.
     */
    int parse(byte[] body, int pos, int to) {
        if (pos + COMMON_SPAN <= to) {
            int end = parseCommon(body, pos);
            if (end >= 0) {
                return end;
            }
        }
        return parseAny(body, pos, to);
    }

    /**
     * The common shape: {@code -?[0-9]{1,7}}, then perhaps a fraction of up to 23 digits, at most 19 digits in
     * all and no exponent (most numbers Python, NumPy or Java write), read a word of eight
     * bytes at a time; {@link #NOT_COMMON} for anything else, which {@link #parseAny} then reads. Short on
     * purpose: it is most of a large request's CPU, and the general case in the same method slowed it down.
     */
    private int parseCommon(byte[] body, int pos) {
        boolean negative = body[pos] == '-';
        int p = negative ? pos + 1 : pos;
        long integer = (long) LONGS.get(body, p);
        int integerDigits = leadingDigits(integer);
        if (integerDigits == 0 || integerDigits == Long.BYTES || (integerDigits > 1 && (integer & 0xff) == '0')) {
            return NOT_COMMON;
        }
        long w = digitsValue(integer, integerDigits);
        p += integerDigits;
        int fractionDigits = 0;
        if (body[p] == '.') {
            long word = (long) LONGS.get(body, p + 1);
            int run = leadingDigits(word);
            w = w * POWERS_OF_TEN[run] + digitsValue(word, run);
            fractionDigits = run;
            for (int k = 1; k < FRACTION_WORDS && run == Long.BYTES; k++) {
                word = (long) LONGS.get(body, p + 1 + k * Long.BYTES);
                run = leadingDigits(word);
                w = w * POWERS_OF_TEN[run] + digitsValue(word, run);
                fractionDigits += run;
            }
            if (fractionDigits == 0 || run == Long.BYTES || integerDigits + fractionDigits > MAX_DIGITS) {
                return NOT_COMMON;
            }
            p += 1 + fractionDigits;
        }
        if ((body[p] | 0x20) == 'e' || p - pos > maxLength) {
            return NOT_COMMON;
        }
        double magnitude = magnitude(w, -fractionDigits);
        if (Double.isNaN(magnitude)) {
            return NOT_COMMON;
        }
        integral = fractionDigits == 0;
        value = negative ? -magnitude : magnitude;
        return p;
    }

    /** Any JSON number, a byte at a time; FastDoubleParser for what {@link #magnitude} leaves. */
    private int parseAny(byte[] body, int pos, int to) {
        boolean negative = pos < to && body[pos] == '-';
        int p = negative ? pos + 1 : pos;
        if (p >= to || !digit(body[p])) {
            return -1;
        }
        long w = 0;
        int digits = 0;
        if (body[p] == '0') {
            // A leading zero stands alone: a digit after it is a second token, which the caller refuses.
            p++;
        } else {
            for (; p < to && digit(body[p]); p++, digits++) {
                w = 10 * w + (body[p] - '0');
            }
        }
        int q = 0;
        boolean fraction = p < to && body[p] == '.';
        if (fraction) {
            int start = ++p;
            for (; p < to && digit(body[p]); p++) {
                w = 10 * w + (body[p] - '0');
            }
            if (p == start) {
                return -1;
            }
            q = start - p;
            digits += p - start;
        }
        boolean exponent = p < to && (body[p] | 0x20) == 'e';
        if (exponent) {
            p++;
            boolean negativeExponent = p < to && body[p] == '-';
            if (p < to && (negativeExponent || body[p] == '+')) {
                p++;
            }
            int start = p;
            int e = 0;
            for (; p < to && digit(body[p]); p++) {
                e = Math.min(EXPONENT_CAP, 10 * e + (body[p] - '0'));
            }
            if (p == start) {
                return -1;
            }
            q += negativeExponent ? -e : e;
        }
        if (p - pos > maxLength) {
            return -1;
        }
        double magnitude = digits > MAX_DIGITS ? Double.NaN : magnitude(w, q);
        if (Double.isNaN(magnitude)) {
            magnitude = Math.abs(JsonDoubleParser.parseDouble(body, pos, p - pos));
        }
        if (magnitude == Double.POSITIVE_INFINITY) {
            return -1;
        }
        integral = !fraction && !exponent;
        value = negative ? -magnitude : magnitude;
        return p;
    }

    /** {@code w 10^q} correctly rounded, or NaN when this is a case for the slow path. */
    private static double magnitude(long w, int q) {
        if (w == 0) {
            return 0.0;
        }
        if (q >= -22 && q <= 22 && w >= 0 && w <= 1L << 53) {
            return q < 0 ? w / EXACT_POWERS_OF_TEN[-q] : w * EXACT_POWERS_OF_TEN[q];
        }
        long bits = eiselLemire(w, q);
        return bits < 0 ? Double.NaN : Double.longBitsToDouble(bits);
    }

    /**
     * The bits of {@code w 10^q} correctly rounded, for an unsigned {@code w > 0}, or -1 when the 128-bit product
     * cannot decide (then the slow path does); the steps and names of {@code fast_float}'s {@code compute_float}.
     */
    private static long eiselLemire(long w, int q) {
        if (q < SMALLEST_POWER) {
            return 0L;
        }
        if (q > LARGEST_POWER) {
            return INFINITY_EXPONENT << MANTISSA_BITS;
        }
        int lz = Long.numberOfLeadingZeros(w);
        long normalized = w << lz;
        int index = 2 * (q - SMALLEST_POWER);
        long high = unsignedMultiplyHigh(normalized, POWERS_OF_FIVE[index]);
        long low = normalized * POWERS_OF_FIVE[index];
        if ((high & 0x1ff) == 0x1ff) {
            // The bits below the double's 55 could still carry into them: add the next 64 bits of 5^q.
            long secondHigh = unsignedMultiplyHigh(normalized, POWERS_OF_FIVE[index + 1]);
            low += secondHigh;
            if (Long.compareUnsigned(secondHigh, low) > 0) {
                high++;
            }
            if (low == -1L && (q < -27 || q > 55)) {
                // 5^q is not held exactly by the 128 bits here, and the product sits at their very edge.
                return -1;
            }
        }
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 64 - MANTISSA_BITS - 3;
        long mantissa = high >>> shift;
        int power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - lz + 1023;
        if (power2 <= 0) {
            if (-power2 + 1 >= 64) {
                return 0L;
            }
            mantissa >>>= -power2 + 1;
            mantissa += mantissa & 1;
            mantissa >>>= 1;
            // Rounding may lift a subnormal to the smallest normal: the carry lands in the exponent's bit.
            return mantissa;
        }
        if (Long.compareUnsigned(low, 1) <= 0 && q >= HALFWAY_MIN_Q && q <= HALFWAY_MAX_Q && (mantissa & 3) == 1
                && mantissa << shift == high) {
            // Exactly halfway: round to even, down here, where the step below would round up.
            mantissa &= ~1L;
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= 2L << MANTISSA_BITS) {
            mantissa = 1L << MANTISSA_BITS;
            power2++;
        }
        mantissa &= ~(1L << MANTISSA_BITS);
        if (power2 >= INFINITY_EXPONENT) {
            return INFINITY_EXPONENT << MANTISSA_BITS;
        }
        return (long) power2 << MANTISSA_BITS | mantissa;
    }

    /** Math.unsignedMultiplyHigh, which came with Java 18. */
    private static long unsignedMultiplyHigh(long x, long y) {
        return Math.multiplyHigh(x, y) + (y & (x >> 63)) + (x & (y >> 63));
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * How many bytes of a little-endian word, from its first, are ASCII digits. Per byte {@code x = byte ^ '0'}
     * is below 10 for a digit; adding 0x76 sets the high bit of any other (a carry out of a byte comes only
     * from one that is not a digit, so it never spoils the bytes before the first such).
     */
    private static int leadingDigits(long word) {
        long x = word ^ ZEROS;
        return Long.numberOfTrailingZeros(((x + 0x7676_7676_7676_7676L) | x) & HIGH_BITS) >>> 3;
    }

    /**
     * The value of the first {@code run} (0 to 8) bytes of a little-endian word, all digits: they are moved to the
     * top of the word with zeros before them (two shifts, so that a run of 0 shifts all out), and the eight
     * digits are read as one number with simdjson's SWAR steps.
     */
    private static long digitsValue(long word, int run) {
        int shift = Long.SIZE / 2 - Byte.SIZE / 2 * run;
        long v = ((word << shift) << shift | ZEROS >>> (Byte.SIZE * run)) - ZEROS;
        v = v * 10 + (v >>> 8);
        return ((v & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32))
                + ((v >>> 16) & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32))) >>> 32;
    }
}
