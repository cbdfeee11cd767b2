package dev.lossref.api.json;

import ch.randelshofer.fastdoubleparser.JsonDoubleParser;

/**
 * Reads one JSON number token ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}) from a byte array into
 * the nearest double, finding its end as it goes: the fast path's counterpart of {@link ShortestDecimal}.
 *
 * <p>Why not FastDoubleParser alone: the fast path found a number's end in one pass, checked it for a
 * fraction in a second and parsed it in a third, about 80 ns a number, most of a large request's CPU.
 * Here one pass reads the digits, eight at a time where they run on ({@link DigitWords}), into an integer
 * {@code w} and a decimal exponent {@code q}, and {@link DecimalToDouble} rounds {@code w 10^q} exactly.
 * Anything else (more than 19 digits, the rare product whose rounding {@link DecimalToDouble} cannot decide)
 * is left to FastDoubleParser's {@link JsonDoubleParser}, the parser Jackson uses.
 */
final class DecimalParser {

    private static final int MAX_DIGITS = 19;
    /** The words of eight bytes {@link #parseCommon} reads for a fraction, and all the bytes it may read. */
    private static final int FRACTION_WORDS = 3;

    private static final int COMMON_SPAN = 1 + (1 + FRACTION_WORDS) * Long.BYTES;
    private static final int NOT_COMMON = -1;
    /** Decimal exponents beyond this are as good as infinite; the parse stops counting there. */
    private static final int EXPONENT_CAP = 100_000;

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
        long integer = DigitWords.read(body, p);
        int integerDigits = DigitWords.leadingDigits(integer);
        if (integerDigits == 0 || integerDigits == Long.BYTES || (integerDigits > 1 && (integer & 0xff) == '0')) {
            return NOT_COMMON;
        }
        long w = DigitWords.value(integer, integerDigits);
        p += integerDigits;
        int fractionDigits = 0;
        if (body[p] == '.') {
            long word = DigitWords.read(body, p + 1);
            int run = DigitWords.leadingDigits(word);
            w = w * DigitWords.POWERS_OF_TEN[run] + DigitWords.value(word, run);
            fractionDigits = run;
            for (int k = 1; k < FRACTION_WORDS && run == Long.BYTES; k++) {
                word = DigitWords.read(body, p + 1 + k * Long.BYTES);
                run = DigitWords.leadingDigits(word);
                w = w * DigitWords.POWERS_OF_TEN[run] + DigitWords.value(word, run);
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
        double magnitude = DecimalToDouble.value(w, -fractionDigits);
        if (Double.isNaN(magnitude)) {
            return NOT_COMMON;
        }
        integral = fractionDigits == 0;
        value = negative ? -magnitude : magnitude;
        return p;
    }

    /** Any JSON number, a byte at a time; FastDoubleParser for what {@link DecimalToDouble} leaves. */
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
        double magnitude = digits > MAX_DIGITS ? Double.NaN : DecimalToDouble.value(w, q);
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

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
