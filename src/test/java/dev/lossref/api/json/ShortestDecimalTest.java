package dev.lossref.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import tools.jackson.core.io.NumberOutput;

/**
 * The formatter against Jackson's Schubfach writer, which writes the text of {@code Double.toString} since
 * JDK 19 (JDK 17's own is not always shortest, so it is not the reference here), and against parsing back.
 */
class ShortestDecimalTest {

    private static final int SAMPLES = 400_000;

    @Test
    void writesHandPickedValuesAsDoubleToStringDoesSinceJdk19() {
        assertThat(format(0.0)).isEqualTo("0.0");
        assertThat(format(-0.0)).isEqualTo("-0.0");
        assertThat(format(1.0)).isEqualTo("1.0");
        assertThat(format(-2.5)).isEqualTo("-2.5");
        assertThat(format(0.1)).isEqualTo("0.1");
        assertThat(format(100.0)).isEqualTo("100.0");
        assertThat(format(1234567.0)).isEqualTo("1234567.0");
        assertThat(format(1.0E7)).isEqualTo("1.0E7");
        assertThat(format(0.001)).isEqualTo("0.001");
        assertThat(format(1.0E-4)).isEqualTo("1.0E-4");
        assertThat(format(2.0E-3)).isEqualTo("0.002");
        assertThat(format(1.0E23)).isEqualTo("1.0E23");
        assertThat(format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(format(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(format(Math.PI * 1e100)).isEqualTo("3.141592653589793E100");
        assertThat(format(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E308");
        assertThat(format(Double.MIN_NORMAL)).isEqualTo("2.2250738585072014E-308");
        assertThat(format(-Double.MIN_NORMAL)).isEqualTo("-2.2250738585072014E-308");
        assertThat(format(Double.MIN_VALUE)).isEqualTo("4.9E-324");
        // Two digits, the closer of 9.9E-324 and 1.0E-323 (JDK 17 wrote the latter, and 1e23 as 9.999999999999999E22).
        assertThat(format(2 * Double.MIN_VALUE)).isEqualTo("9.9E-324");
        assertThat(format(0x1p53)).isEqualTo("9.007199254740992E15");
    }

    @Test
    void agreesWithJacksonOnRandomBitPatterns() {
        SplittableRandom random = new SplittableRandom(17);
        agreesWithJackson(() -> {
            double v;
            do {
                v = Double.longBitsToDouble(random.nextLong());
            } while (!Double.isFinite(v));
            return v;
        });
    }

    @Test
    void agreesWithJacksonOnTheValuesLossesProduce() {
        SplittableRandom random = new SplittableRandom(29);
        agreesWithJackson(() -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 12)));
        agreesWithJackson(() -> random.nextInt(-1_000_000, 1_000_000) / Math.pow(10, random.nextInt(0, 9)));
        agreesWithJackson(() -> (double) random.nextLong(1L << 54));
    }

    @Test
    void agreesWithJacksonAtPowersOfTwoAndTenAndTheirNeighbours() {
        for (int e = -1074; e <= 1023; e++) {
            double power = Math.scalb(1.0, e);
            for (double v : new double[] {power, Math.nextUp(power), Math.nextDown(power)}) {
                assertThat(format(v)).as("2^%d neighbourhood", e).isEqualTo(NumberOutput.toString(v, true));
            }
        }
        for (int e = -323; e <= 308; e++) {
            double power = Double.parseDouble("1e" + e);
            for (double v : new double[] {power, Math.nextUp(power), Math.nextDown(power)}) {
                assertThat(format(v)).as("10^%d neighbourhood", e).isEqualTo(NumberOutput.toString(v, true));
            }
        }
    }

    @Test
    void subnormalsParseBackToThemselves() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < SAMPLES; i++) {
            double v = Double.longBitsToDouble(random.nextLong(1, 1L << 52));
            assertThat(Double.parseDouble(format(v))).isEqualTo(v);
        }
    }

    @Test
    void refusesWhatIsNotANumber() {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> format(v)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void agreesWithJackson(DoubleSupplier values) {
        byte[] out = new byte[ShortestDecimal.MAX_CHARS + 1];
        for (int i = 0; i < SAMPLES; i++) {
            double v = values.getAsDouble();
            int end = ShortestDecimal.write(v, out, 1);
            String text = new String(out, 1, end - 1, StandardCharsets.ISO_8859_1);
            if (!text.equals(NumberOutput.toString(v, true)) || Double.parseDouble(text) != v) {
                assertThat(text).as("bits %x", Double.doubleToRawLongBits(v)).isEqualTo(NumberOutput.toString(v, true));
                assertThat(Double.parseDouble(text)).isEqualTo(v);
            }
        }
    }

    private static String format(double v) {
        byte[] out = new byte[ShortestDecimal.MAX_CHARS];
        return new String(out, 0, ShortestDecimal.write(v, out, 0), StandardCharsets.ISO_8859_1);
    }
}
