package dev.lossref.api.json;

import java.math.BigInteger;

/**
 * The double nearest to {@code w 10^q}, for the {@code w} and {@code q} that {@link DecimalParser} reads from a
 * number of at most 19 digits:
 * <ul>
 *   <li>{@code w 10^q} with {@code w <= 2^53} and {@code |q| <= 22} is one correctly rounded multiplication or
 *       division of two exact doubles (Clinger's fast path);</li>
 *   <li>otherwise Eisel and Lemire's algorithm (D. Lemire, "Number parsing at a gigabyte per second", Software:
 *       Practice and Experience 51(8), 2021, the algorithm of {@code fast_float} and of FastDoubleParser):
 *       {@code w} times a 128-bit truncation of {@code 5^q}, which decides the rounding from the product's top
 *       bits, or says that it cannot (rarely, and then the caller parses the text another way).</li>
 * </ul>
 * The table of {@code 5^q} for {@code -342 <= q <= 308} (every power that matters for a 19-digit {@code w};
 * beyond it the value is zero or infinite) is computed once at class load with {@link BigInteger}, as
 * {@code fast_float}'s generator script defines it.
 */
final class DecimalToDouble {

    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    private static final int MANTISSA_BITS = 52;
    private static final long INFINITY_EXPONENT = 0x7ff;
    /** Only {@code w 10^q} with q in this range can fall exactly halfway between two doubles. */
    private static final int HALFWAY_MIN_Q = -4;

    private static final int HALFWAY_MAX_Q = 23;

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

    private DecimalToDouble() {}

    /**
     * {@code w 10^q} correctly rounded, for {@code w} of at most 19 decimal digits read as unsigned, or NaN when the
     * 128-bit product cannot decide the rounding (then the caller parses the text another way).
     */
    static double value(long w, int q) {
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
        if (Long.compareUnsigned(low, 1) <= 0
                && q >= HALFWAY_MIN_Q
                && q <= HALFWAY_MAX_Q
                && (mantissa & 3) == 1
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
}
