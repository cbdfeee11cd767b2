package dev.lossref.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The parser against {@code Double.parseDouble}, which rounds correctly: bit for bit, for every kind of
 * number, each read twice, once with room after it (the word-at-a-time path) and once at the very end of
 * its buffer (the byte-at-a-time path).
 */
class DecimalParserTest {

    /** Bytes after a number in the first reading: more than the word-at-a-time path may look at. */
    private static final int MAX_LENGTH = 1000;

    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final String ROOM = ", 0123456789 0123456789 0123456789 0123456789]";

    @Test
    void readsHandPickedNumbersAsDoubleParseDoubleDoes() {
        for (String text : new String[] {
            "0",
            "-0",
            "0.0",
            "-0.0",
            "0e5",
            "0E-5",
            "7",
            "-7",
            "10",
            "1.5",
            "-2.25",
            "0.1",
            "0.30000000000000004",
            "3.141592653589793",
            "1e5",
            "1E+5",
            "1e-5",
            "-1.5e-7",
            "1234567",
            "12345678",
            "123456789.123",
            "0.001",
            "1.0E-4",
            "100.0",
            "1.0E7",
            "1e22",
            "1e23",
            "8.41e21",
            "9007199254740991",
            "9007199254740992",
            "9007199254740993",
            "9007199254740995",
            "18446744073709551615",
            "9999999999999999999",
            "99999999999999999999",
            "0.16682151583823945",
            "-4.609550968619359",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "2.2250738585072014e-308",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "4.9e-324",
            "5e-324",
            "1e-323",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "123456789012345678901234567890",
            "0.000000000000000000000000000001",
            "1.00000000000000011102230246251565404236316680908203125"
        }) {
            assertReadsAsJdk(text);
        }
    }

    @Test
    void readsTheShortestDecimalOfRandomDoubles() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            double value = anyFiniteDouble(random);
            assertReadsAsJdk(Double.toString(value));
            assertReadsAsJdk(Double.toString(value).toLowerCase());
            double normal = random.nextGaussian() * Math.pow(10, random.nextInt(-6, 8));
            assertReadsAsJdk(Double.toString(normal));
            assertReadsAsJdk(new BigDecimal(normal).toPlainString());
        }
    }

    @Test
    void readsUpToNineteenDigitsWithEveryExponentOfTheTable() {
        SplittableRandom random = new SplittableRandom(5);
        for (int exponent = -360; exponent <= 330; exponent++) {
            for (int i = 0; i < 200; i++) {
                String digits = Long.toUnsignedString(random.nextLong() >>> random.nextInt(64));
                assertReadsAsJdk(digits + "e" + exponent);
                int point = random.nextInt(1, digits.length() + 1);
                if (point < digits.length()) {
                    assertReadsAsJdk("-" + digits.substring(0, point) + "." + digits.substring(point) + "E" + exponent);
                }
            }
        }
    }

    @Test
    void roundsHalfwayCasesToEven() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // Between 2^(52 - k) and 2^(53 - k) the doubles are 2^-k apart: k + 1 decimals write a midpoint exactly.
            int k = random.nextInt(0, 4);
            double lower = Math.scalb((double) ((1L << 52) + random.nextLong(1L << 52)), -k);
            BigDecimal midpoint = new BigDecimal(lower)
                    .add(new BigDecimal(Math.nextUp(lower)))
                    .multiply(HALF);
            assertReadsAsJdk(midpoint.toPlainString());
            assertReadsAsJdk("-" + midpoint.toPlainString());
            // Above 2^53 the midpoints are integers, up to 19 digits below 2^63.
            long big = (1L << random.nextInt(53, 63)) + random.nextLong(1L << 52);
            double above = big;
            BigDecimal integerMidpoint = new BigDecimal(above)
                    .add(new BigDecimal(Math.nextUp(above)))
                    .multiply(HALF);
            assertReadsAsJdk(integerMidpoint.toPlainString());
            assertReadsAsJdk(integerMidpoint.movePointLeft(3).toPlainString() + "e3");
        }
    }

    @Test
    void readsTheExactValuesOfDoublesThroughTheSlowPath() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            double value = anyFiniteDouble(random);
            assertReadsAsJdk(new BigDecimal(value).toString());
            assertReadsAsJdk(new BigDecimal(value)
                    .add(new BigDecimal(Math.nextUp(value)))
                    .multiply(HALF)
                    .toString());
        }
    }

    @Test
    void refusesNumbersThatOverflowAndBytesThatAreNotANumber() {
        for (String text : new String[] {
            "1e309",
            "-1e309",
            "1.7976931348623159e308",
            "1e100000000",
            "-",
            "+1",
            ".5",
            "1.",
            "1.e5",
            "1e",
            "1e+",
            "1E-",
            "-a",
            "--1",
            "a",
            "",
            "1.5e+-3",
            "Infinity",
            "NaN"
        }) {
            DecimalParser parser = new DecimalParser(MAX_LENGTH);
            byte[] roomy = (text + ROOM).getBytes(StandardCharsets.US_ASCII);
            byte[] tight = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(parser.parse(roomy, 0, roomy.length)).as(text).isEqualTo(-1);
            assertThat(parser.parse(tight, 0, tight.length)).as(text).isEqualTo(-1);
        }
    }

    @Test
    void refusesANumberLongerThanTheLimitWhateverItsShape() {
        DecimalParser parser = new DecimalParser(5);
        for (String text : new String[] {"1.2345", "-12345", "123456", "1.5e-10", "1".repeat(100_000)}) {
            byte[] roomy = (text + ROOM).getBytes(StandardCharsets.US_ASCII);
            assertThat(parser.parse(roomy, 0, roomy.length)).as(text).isEqualTo(-1);
        }
        byte[] fits = ("1.234" + ROOM).getBytes(StandardCharsets.US_ASCII);
        assertThat(parser.parse(fits, 0, fits.length)).isEqualTo(5);
    }

    @Test
    void endsWhereTheJsonGrammarEndsAndLeavesTheRestToTheCaller() {
        assertThat(end("01")).isEqualTo(1);
        assertThat(end("-0.5.3")).isEqualTo(4);
        assertThat(end("1.5x")).isEqualTo(3);
        assertThat(end("2e3e4")).isEqualTo(3);
        assertThat(end("12345678.5]")).isEqualTo(10);
        assertThat(end("7,8")).isEqualTo(1);
    }

    @Test
    void saysWhetherANumberWasWrittenAsAnInteger() {
        assertThat(integral("12")).isTrue();
        assertThat(integral("-0")).isTrue();
        assertThat(integral("123456789012345678901")).isTrue();
        assertThat(integral("12.0")).isFalse();
        assertThat(integral("1e2")).isFalse();
        assertThat(integral("0.5")).isFalse();
    }

    /** A double of random bits, drawn again while they spell an infinity or a NaN. */
    private static double anyFiniteDouble(SplittableRandom random) {
        double value;
        do {
            value = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(value));
        return value;
    }

    private static int end(String text) {
        DecimalParser parser = new DecimalParser(MAX_LENGTH);
        byte[] roomy = (text + ROOM).getBytes(StandardCharsets.US_ASCII);
        byte[] tight = text.getBytes(StandardCharsets.US_ASCII);
        int end = parser.parse(roomy, 0, roomy.length);
        assertThat(parser.parse(tight, 0, tight.length)).as(text).isEqualTo(end);
        return end;
    }

    private static boolean integral(String text) {
        DecimalParser parser = new DecimalParser(MAX_LENGTH);
        byte[] roomy = (text + ROOM).getBytes(StandardCharsets.US_ASCII);
        byte[] tight = text.getBytes(StandardCharsets.US_ASCII);
        parser.parse(roomy, 0, roomy.length);
        boolean roomyIntegral = parser.integral;
        parser.parse(tight, 0, tight.length);
        assertThat(parser.integral).as(text).isEqualTo(roomyIntegral);
        return roomyIntegral;
    }

    /**
     * Reads {@code text} at an offset of a buffer with room after it, and at the end of a buffer of its own; a
     * number beyond the largest double is refused.
     */
    private static void assertReadsAsJdk(String text) {
        double jdk = Double.parseDouble(text);
        DecimalParser parser = new DecimalParser(MAX_LENGTH);
        byte[] roomy = (" [" + text + ROOM).getBytes(StandardCharsets.US_ASCII);
        if (Double.isInfinite(jdk)) {
            assertThat(parser.parse(roomy, 2, roomy.length)).as(text).isEqualTo(-1);
            assertThat(parser.parse(Arrays.copyOf(roomy, 2 + text.length()), 2, 2 + text.length()))
                    .as(text)
                    .isEqualTo(-1);
            return;
        }
        long expected = Double.doubleToRawLongBits(jdk);
        assertThat(parser.parse(roomy, 2, roomy.length)).as(text).isEqualTo(2 + text.length());
        assertThat(Double.doubleToRawLongBits(parser.value)).as(text).isEqualTo(expected);
        byte[] tight = Arrays.copyOf(roomy, 2 + text.length());
        parser.value = Double.NaN;
        assertThat(parser.parse(tight, 2, tight.length)).as(text).isEqualTo(tight.length);
        assertThat(Double.doubleToRawLongBits(parser.value)).as(text).isEqualTo(expected);
    }
}
