package dev.lossref.api.json;

import java.math.BigInteger;

/**
 * Writes a finite double as ASCII bytes in the shortest decimal form that reads back to the same double,
 * with the text of {@code Double.toString} since JDK 19 and of Jackson's fast writer ({@code 0.1},
 * {@code 100.0}, {@code 1.0E-5}, {@code 1.2345678E7}), straight into a byte array: no String, no object
 * per number.
 *
 * <p>Why not Jackson's writer: it builds a String and a formatter object per number, and for the answer
 * of a small request that was a quarter of the service's CPU and most of its garbage. JDK 17's own
 * {@code Double.toString} is slower still and not always shortest.
 *
 * <p>The algorithm is Raffaello Giulietti's Schubfach ("The Schubfach way to render doubles", 2020, the
 * algorithm of {@code jdk.internal.math.DoubleToDecimal}), with its names: a double is
 * {@code c 2^q}; the decimal {@code d 10^k} chosen is the one in the rounding interval of {@code c 2^q}
 * with the fewest digits, the closest to it among those. {@code 10^-k} is held as a 126-bit
 * over-approximation {@code g = g1 2^63 + g0}, computed once at class load with {@link BigInteger}.
 */
final class ShortestDecimal {

    /** The longest text written, e.g. {@code -2.2250738585072014E-308}. */
    static final int MAX_CHARS = 24;

    private static final int P = 53;
    private static final int Q_MIN = -1074;
    private static final int BQ_MASK = 0x7ff;
    private static final long T_MASK = (1L << (P - 1)) - 1;
    private static final long C_MIN = 1L << (P - 1);
    /** Subnormal significands below this get one more digit of room (Schubfach's c_tiny for doubles). */
    private static final long C_TINY = 3;

    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    /** Decimal digits of the widest significand. */
    private static final int H = 17;

    private static final long MASK_63 = (1L << 63) - 1;

    /** For each k in [K_MIN, K_MAX], g1 then g0: 10^-k = beta 2^r with 2^125 <= beta < 2^126, g = floor(beta) + 1. */
    private static final long[] G = new long[2 * (K_MAX - K_MIN + 1)];

    static {
        BigInteger lower63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            BigInteger g;
            if (k <= 0) {
                BigInteger power = BigInteger.TEN.pow(-k);
                int r = power.bitLength() - 126;
                g = (r >= 0 ? power.shiftRight(r) : power.shiftLeft(-r)).add(BigInteger.ONE);
            } else {
                BigInteger power = BigInteger.TEN.pow(k);
                g = BigInteger.ONE
                        .shiftLeft(125 + power.bitLength())
                        .divide(power)
                        .add(BigInteger.ONE);
            }
            G[2 * (k - K_MIN)] = g.shiftRight(63).longValueExact();
            G[2 * (k - K_MIN) + 1] = g.and(lower63).longValueExact();
        }
    }

    private ShortestDecimal() {}

    /**
     * Writes finite {@code v} into {@code out} from {@code at}, which must leave room for {@link #MAX_CHARS}
     * bytes, and returns the position after it. Bytes between that position and {@code at + MAX_CHARS} may be
     * overwritten (digits go out eight at a time): whatever follows is written after the call.
     */
    static int write(double v, byte[] out, int at) {
        long bits = Double.doubleToRawLongBits(v);
        long t = bits & T_MASK;
        int bq = (int) (bits >>> (P - 1)) & BQ_MASK;
        if (bq == BQ_MASK) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        int pos = at;
        if (bits < 0) {
            out[pos++] = '-';
        }
        if (bq != 0) {
            int mq = -Q_MIN + 1 - bq;
            long c = C_MIN | t;
            if (0 < mq && mq < P) {
                long f = c >> mq;
                if (f << mq == c) {
                    // An integer below 2^53: its digits as they are.
                    return toChars(f, 0, out, pos);
                }
            }
            return toDecimal(-mq, c, 0, out, pos);
        }
        if (t != 0) {
            return t < C_TINY ? toDecimal(Q_MIN, 10 * t, -1, out, pos) : toDecimal(Q_MIN, t, 0, out, pos);
        }
        out[pos++] = '0';
        out[pos++] = '.';
        out[pos++] = '0';
        return pos;
    }

    /** Section 9 of the paper: the shortest decimal in the rounding interval of {@code c 2^q}. */
    private static int toDecimal(int q, long c, int dk, byte[] out, int pos) {
        int odd = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            // The interval below a power of two is half as wide.
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        long g1 = G[2 * (k - K_MIN)];
        long g0 = G[2 * (k - K_MIN) + 1];
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            // One digit fewer, if a multiple of ten lies in the interval: s' 10 = floor(s / 10) 10.
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + odd <= sp10 << 2;
            boolean wpin = (tp10 << 2) + odd <= vbr;
            if (upin != wpin) {
                return toChars(upin ? sp10 : tp10, k, out, pos);
            }
        }
        long tt = s + 1;
        boolean uin = vbl + odd <= s << 2;
        boolean win = (tt << 2) + odd <= vbr;
        if (uin != win) {
            return toChars(uin ? s : tt, k + dk, out, pos);
        }
        long cmp = vb - ((s + tt) << 1);
        return toChars(cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : tt, k + dk, out, pos);
    }

    /** {@code g cp 2^-127}, rounded to odd, from the two 63-bit halves of g. */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /** floor(e log10 2) for |e| <= 5456721. */
    private static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** floor(e log10 (3/4 2)) for |e| <= 5456721. */
    private static int flog10threeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** floor(e log2 10) for |e| <= 1838394. */
    private static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /**
     * Writes {@code f 10^e}: plain for 10^-3 <= value < 10^7, otherwise as {@code d.ddd E n}, as
     * {@code Double.toString} does, with at least one digit after the point. The digits go out as the first
     * digit and two words of eight ASCII digits, one store each; trailing zeros are then cut by moving the end.
     */
    private static int toChars(long f, int e, byte[] out, int pos) {
        int len = flog10pow2(Long.SIZE - Long.numberOfLeadingZeros(f));
        if (f >= DigitWords.POWERS_OF_TEN[len]) {
            len += 1;
        }
        // Now f has H digits and the value is 0.f 10^e.
        f *= DigitWords.POWERS_OF_TEN[H - len];
        e += len;
        // h: the first digit; m: the next eight; l: the last eight (floor(f / 10^8) by a multiply, section 10).
        long hm = Math.multiplyHigh(f, 193_428_131_138_340_668L) >>> 20;
        int l = (int) (f - 100_000_000L * hm);
        int h = (int) (hm * 1_441_151_881L >>> 57);
        int m = (int) (hm - 100_000_000 * h);
        byte first = (byte) ('0' + h);
        long middle = DigitWords.ascii(m);
        long last = DigitWords.ascii(l);
        // The digits up to the last that is not a zero.
        int significant =
                l != 0 ? H - DigitWords.trailingZeros(last) : m != 0 ? H - 8 - DigitWords.trailingZeros(middle) : 1;
        if (0 < e && e <= 7) {
            // d(e) . d(17 - e): the point moves into the middle word, which is written twice around it.
            out[pos] = first;
            DigitWords.write(out, pos + 1, middle);
            out[pos + e] = '.';
            DigitWords.write(out, pos + e + 1, middle >>> Byte.SIZE * (e - 1));
            DigitWords.write(out, pos + 10, last);
            return pos + 1 + Math.max(significant, e + 1);
        }
        if (-3 < e && e <= 0) {
            out[pos] = '0';
            out[pos + 1] = '.';
            DigitWords.write(out, pos + 2, DigitWords.ZEROS);
            int zeros = -e;
            out[pos + 2 + zeros] = first;
            DigitWords.write(out, pos + 3 + zeros, middle);
            DigitWords.write(out, pos + 11 + zeros, last);
            return pos + 2 + zeros + significant;
        }
        out[pos] = first;
        out[pos + 1] = '.';
        DigitWords.write(out, pos + 2, middle);
        DigitWords.write(out, pos + 10, last);
        return exponent(e - 1, out, pos + 1 + Math.max(significant, 2));
    }

    private static int exponent(int e, byte[] out, int pos) {
        out[pos++] = 'E';
        if (e < 0) {
            out[pos++] = '-';
            e = -e;
        }
        if (e >= 100) {
            int d = e * 1_311 >>> 17;
            out[pos++] = (byte) ('0' + d);
            e -= 100 * d;
            int d2 = e * 103 >>> 10;
            out[pos++] = (byte) ('0' + d2);
            out[pos++] = (byte) ('0' + e - 10 * d2);
            return pos;
        }
        if (e >= 10) {
            int d = e * 103 >>> 10;
            out[pos++] = (byte) ('0' + d);
            out[pos++] = (byte) ('0' + e - 10 * d);
            return pos;
        }
        out[pos++] = (byte) ('0' + e);
        return pos;
    }
}
