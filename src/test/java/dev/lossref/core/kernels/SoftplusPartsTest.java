package dev.lossref.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both {@link SoftplusParts} kernels against fdlibm's {@link StrictMath}, over logits from far negative to far
 * positive, at lengths that leave a vector remainder and from offsets inside the arrays.
 */
class SoftplusPartsTest {

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {1, 3, 4, 9, 81, 1003})
    void matchesStrictMathWithinTwoUlps(int length) {
        SplittableRandom random = new SplittableRandom(length);
        double[] z = new double[length + 2];
        for (int i = 0; i < z.length; i++) {
            z[i] = random.nextInt(7) == 0 ? random.nextDouble(-800, 800) : random.nextDouble(-40, 40);
        }
        for (SoftplusKernel kernel : new SoftplusKernel[] {new PlainSoftplusKernel(), new VectorSoftplusKernel()}) {
            double[] decay = new double[z.length];
            double[] logOnePlusDecay = new double[z.length];
            kernel.softplusParts(z, 1, length + 1, decay, logOnePlusDecay);
            assertThat(decay[0]).isZero();
            assertThat(decay[length + 1]).isZero();
            for (int i = 1; i <= length; i++) {
                double expected = StrictMath.exp(-Math.abs(z[i]));
                String where = kernel.getClass().getSimpleName() + " at z = " + z[i];
                assertThat(Math.abs(decay[i] - expected)).as(where).isLessThanOrEqualTo(2 * Math.ulp(expected));
                double expectedLog = StrictMath.log1p(decay[i]);
                assertThat(Math.abs(logOnePlusDecay[i] - expectedLog))
                        .as(where)
                        .isLessThanOrEqualTo(2 * Math.ulp(expectedLog));
            }
        }
    }

    @Test
    void handComputedValues() {
        double[] z = {0, Math.log(3), -Math.log(3), 800, -800};
        for (SoftplusKernel kernel : new SoftplusKernel[] {new PlainSoftplusKernel(), new VectorSoftplusKernel()}) {
            double[] decay = new double[5];
            double[] logOnePlusDecay = new double[5];
            kernel.softplusParts(z, 0, 5, decay, logOnePlusDecay);
            assertThat(decay[0]).isEqualTo(1.0);
            assertThat(logOnePlusDecay[0]).isCloseTo(Math.log(2), within(1e-16));
            assertThat(decay[1]).isCloseTo(1.0 / 3, within(1e-16));
            assertThat(decay[2]).isCloseTo(1.0 / 3, within(1e-16));
            assertThat(logOnePlusDecay[1]).isCloseTo(Math.log(4.0 / 3), within(1e-16));
            // e^-800 underflows to zero, and so does its log1p: softplus(800) = 800 exactly.
            assertThat(decay[3]).isZero();
            assertThat(logOnePlusDecay[4]).isZero();
        }
    }
}
