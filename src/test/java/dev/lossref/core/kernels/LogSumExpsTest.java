package dev.lossref.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both {@link LogSumExps} kernels against fdlibm's {@link StrictMath} on log-probabilities as a lattice
 * holds them (spread over hundreds of nats, some -infinity), at lengths that leave a vector remainder.
 */
class LogSumExpsTest {

    private static final double NONE = Double.NEGATIVE_INFINITY;

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 3, 4, 9, 81, 203})
    void matchesTheFactoredFormulaInStrictMath(int length) {
        SplittableRandom random = new SplittableRandom(length);
        double[] a = logProbabilities(random, length + 2);
        double[] b = logProbabilities(random, length + 1);
        double[] c = logProbabilities(random, length);
        double[] add = logProbabilities(random, length + 3);
        for (LogSumExpKernel kernel : new LogSumExpKernel[] {new PlainLogSumExpKernel(), new VectorLogSumExpKernel()}) {
            double[] out = new double[length + 1];
            kernel.logSumExps(a, 2, b, 1, c, 0, add, 3, out, 1, length);
            assertThat(out[0]).isZero();
            for (int i = 0; i < length; i++) {
                double x = a[2 + i];
                double y = b[1 + i];
                double z = c[i];
                double max = Math.max(x, Math.max(y, z));
                double expected = max == NONE
                        ? NONE
                        : max
                                + StrictMath.log(
                                        StrictMath.exp(x - max) + StrictMath.exp(y - max) + StrictMath.exp(z - max))
                                + add[3 + i];
                if (expected == NONE) {
                    assertThat(out[1 + i])
                            .as("%s at %d", kernel.getClass().getSimpleName(), i)
                            .isEqualTo(NONE);
                } else {
                    assertThat(out[1 + i])
                            .as("%s at %d", kernel.getClass().getSimpleName(), i)
                            .isCloseTo(expected, within(4 * Math.ulp(Math.abs(max) + Math.abs(add[3 + i]) + 1)));
                }
            }
        }
    }

    @Test
    void handComputedCells() {
        double[] a = {0, NONE, NONE, Math.log(2), -1000};
        double[] b = {0, 0, NONE, Math.log(3), -1000};
        double[] c = {0, NONE, NONE, Math.log(5), NONE};
        double[] add = {0, 1, 2, 0, 0};
        for (LogSumExpKernel kernel : new LogSumExpKernel[] {new PlainLogSumExpKernel(), new VectorLogSumExpKernel()}) {
            double[] out = new double[5];
            kernel.logSumExps(a, 0, b, 0, c, 0, add, 0, out, 0, 5);
            assertThat(out[0]).isCloseTo(Math.log(3), within(1e-15));
            assertThat(out[1]).isEqualTo(1.0);
            assertThat(out[2]).isEqualTo(NONE);
            assertThat(out[3]).isCloseTo(Math.log(10), within(1e-15));
            // e^-1000 underflows; factored out, log(2 e^-1000) = -1000 + log 2 does not
            assertThat(out[4]).isCloseTo(-1000 + Math.log(2), within(1e-12));
        }
    }

    private static double[] logProbabilities(SplittableRandom random, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextInt(5) == 0 ? NONE : -random.nextDouble(0, 700);
        }
        return values;
    }
}
