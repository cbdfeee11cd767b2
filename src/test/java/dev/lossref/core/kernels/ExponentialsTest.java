package dev.lossref.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both {@link Exponentials} against fdlibm's {@link StrictMath#exp} element by element (at most 2 ulp
 * apart: each side is within 1 ulp of the exact value) and against an exact sum, at lengths that leave
 * a vector remainder, with the skipped term first, inside, last and outside the run.
 */
class ExponentialsTest {

    @ParameterizedTest(name = "length {0}, skip at {1}")
    @CsvSource({"1, 0", "3, 2", "7, -1", "8, 5", "1000, 0", "1003, 517", "1003, 1002", "64, 64"})
    void eachExponentialAndTheSumOfTheOthers(int length, int skipAt) {
        SplittableRandom random = new SplittableRandom(length * 131L + skipAt);
        int from = 5;
        double[] z = new double[from + length + 3];
        for (int j = 0; j < z.length; j++) {
            z[j] = random.nextDouble(-750, 30);
        }
        double shift = 30;
        int skip = from + skipAt;
        for (Exponentials kernel : new Exponentials[] {new PlainExponentials(), new VectorExponentials()}) {
            double[] out = new double[z.length];
            double sum = kernel.shiftedExponentials(z, from, from + length, shift, skip, out);
            BigDecimal exact = BigDecimal.ZERO;
            for (int j = 0; j < z.length; j++) {
                if (j < from || j >= from + length) {
                    assertThat(out[j]).as("outside the run at %d", j).isZero();
                    continue;
                }
                double expected = StrictMath.exp(z[j] - shift);
                assertThat(out[j])
                        .as("%s e_%d", kernel.getClass().getSimpleName(), j)
                        .isCloseTo(expected, within(2 * Math.ulp(expected)));
                if (j != skip) {
                    exact = exact.add(new BigDecimal(expected));
                }
            }
            assertThat(sum)
                    .as(kernel.getClass().getSimpleName())
                    .isCloseTo(exact.doubleValue(), within(1e-14 * exact.doubleValue() + Double.MIN_VALUE));
        }
    }

    @Test
    void theShiftedMaximumIsExactlyOneAndStaysOutOfTheSum() {
        double[] z = {3 - 40, 3, 3 - 45, 3 - 41, 3 - 40, 3 - 42, 3 - 43, 3 - 44, 3 - 45};
        for (Exponentials kernel : new Exponentials[] {new PlainExponentials(), new VectorExponentials()}) {
            double[] out = new double[z.length];
            double rest = kernel.shiftedExponentials(z, 0, z.length, 3, 1, out);
            assertThat(out[1]).isEqualTo(1.0);
            // with the maximum's 1 inside, 1 + 5e-18 would round to 1 and the rest would be lost
            double expected = 2 * StrictMath.exp(-40)
                    + StrictMath.exp(-41)
                    + StrictMath.exp(-42)
                    + StrictMath.exp(-43)
                    + StrictMath.exp(-44)
                    + 2 * StrictMath.exp(-45);
            assertThat(rest).isCloseTo(expected, within(1e-15 * expected));
        }
    }
}
