package dev.lossref.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lossref.core.Matrix;
import org.junit.jupiter.api.Test;

/** The stable primitives at the ends of their ranges, where naive formulas fail. */
class NumericsTest {

    @Test
    void softplusOfLargePositiveIsTheArgument() {
        assertThat(Numerics.softplus(1e4)).isEqualTo(1e4);
        assertThat(Numerics.softplus(800)).isEqualTo(800);
    }

    @Test
    void softplusOfLargeNegativeKeepsTheTinyValue() {
        // log(1 + e^-700) = e^-700 to float64 precision; log(1 + exp(x)) would round it to 0.
        assertThat(Numerics.softplus(-700)).isCloseTo(Math.exp(-700), within(Math.exp(-700) * 1e-15));
    }

    @Test
    void softplusAtZeroIsLn2() {
        assertThat(Numerics.softplus(0)).isEqualTo(Math.log(2));
    }

    @Test
    void kahansLog1pIsWithinFourUlpsOfTheLibrary() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int k = 0; k < 100_000; k++) {
            double x = Math.pow(10, -20 + 20 * random.nextDouble());
            double expected = Math.log1p(x);
            assertThat(Numerics.log1p(x)).as("log1p(%s)", x).isCloseTo(expected, within(4 * Math.ulp(expected)));
        }
        assertThat(Numerics.log1p(0)).isZero();
        assertThat(Numerics.log1p(1)).isCloseTo(Math.log(2), within(Math.ulp(Math.log(2))));
    }

    @Test
    void sigmoidIsFiniteAndSymmetric() {
        assertThat(Numerics.sigmoid(-1000)).isZero();
        assertThat(Numerics.sigmoid(1000)).isEqualTo(1.0);
        assertThat(Numerics.sigmoid(2) + Numerics.sigmoid(-2)).isCloseTo(1.0, within(1e-16));
    }

    @Test
    void softmaxOfHugeEqualValuesIsUniform() {
        Softmax softmax = Softmax.of(new Matrix(1, 2, new double[] {1e4, 1e4}));

        assertThat(softmax.probabilities()).containsExactly(0.5, 0.5);
        assertThat(softmax.logProbability(0, 1)).isEqualTo(-Math.log(2));
    }

    @Test
    void softmaxRowSumsToOneAndKeepsTinyLogProbabilities() {
        Softmax softmax = Softmax.of(new Matrix(1, 3, new double[] {0.5, -3, 700}));

        double[] p = softmax.probabilities();
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-15));
        assertThat(softmax.logProbability(0, 2)).isCloseTo(-Math.exp(-699.5), within(1e-300));
        assertThat(softmax.logProbability(0, 1)).isCloseTo(-703, within(1e-12));
    }
}
