package dev.lossref.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pairwise-distance kernel against a plain double loop, at sizes that exercise its four-wide
 * body and its remainder (d = 5, 6, 7, and d below 4) and more than one 32 x 32 mirroring tile.
 */
class PairwiseDistancesTest {

    @ParameterizedTest(name = "n = {0}, d = {1}")
    @CsvSource({"1, 3", "2, 1", "5, 4", "33, 5", "70, 6", "97, 7", "40, 13"})
    void matchesAPlainLoop(int n, int d) {
        double[] x = random(n, d, n * 31L + d);
        double[] squared = PairwiseDistances.squaredMatrix(x, n, d);
        double[] euclidean = PairwiseDistances.euclideanMatrix(x, n, d);
        assertThat(squared).hasSize(n * n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int k = 0; k < d; k++) {
                    double difference = x[i * d + k] - x[j * d + k];
                    expected += difference * difference;
                }
                assertThat(squared[i * n + j]).as("D[%d][%d]", i, j).isCloseTo(expected, within(1e-14 * expected));
                assertThat(squared[i * n + j]).as("symmetric at %d, %d", i, j).isEqualTo(squared[j * n + i]);
                assertThat(euclidean[i * n + j]).isEqualTo(Math.sqrt(squared[i * n + j]));
                assertThat(PairwiseDistances.squared(x, i * d, x, j * d, d))
                        .as("one pair %d, %d", i, j)
                        .isCloseTo(expected, within(1e-14 * expected));
            }
            assertThat(squared[i * n + i]).isZero();
        }
    }

    @ParameterizedTest(name = "n = {0}, d = {1}")
    @CsvSource({"1, 3", "9, 1", "64, 128", "70, 6", "131, 17", "300, 5"})
    void everyKernelFormsEachDistanceAsTheChainOfFusedMultiplyAdds(int n, int d) {
        double[] x = random(n, d, n * 7L + d);
        double[] expected = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    double difference = x[i * d + k] - x[j * d + k];
                    sum = Math.fma(difference, difference, sum);
                }
                expected[i * n + j] = i == j ? 0 : sum;
            }
        }
        double[] columns = MatrixProducts.transpose(x, n, d);
        for (DistanceKernel kernel : new DistanceKernel[] {new PlainDistanceKernel(), new VectorDistanceKernel()}) {
            double[] distances = new double[n * n];
            kernel.upperSquaredDistances(x, columns, n, d, distances);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    assertThat(distances[i * n + j])
                            .as("%s D[%d][%d]", kernel.getClass().getSimpleName(), i, j)
                            .isEqualTo(expected[i * n + j]);
                }
            }
        }
        assertThat(PairwiseDistances.squaredMatrix(x, n, d)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "d = {0}")
    @CsvSource({"5", "6", "7"})
    void equalAndNearRowsAreExactNotCancelled(int d) {
        int n = 40;
        double[] x = random(n, d, d);
        for (int k = 0; k < d; k++) {
            x[35 * d + k] = x[3 * d + k];
            x[36 * d + k] = 1e8 + k;
            x[37 * d + k] = 1e8 + k + (k == 0 ? 1e-4 : 0);
        }
        double[] squared = PairwiseDistances.squaredMatrix(x, n, d);
        assertThat(squared[3 * n + 35]).isZero();
        assertThat(squared[35 * n + 3]).isZero();
        // |x36 - x37|^2 = 1e-8 up to the rounding of 1e8 + 1e-4; the norms' identity would lose it all.
        double difference = (1e8 + 1e-4) - 1e8;
        assertThat(squared[36 * n + 37]).isEqualTo(difference * difference);
    }

    private static double[] random(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int k = 0; k < x.length; k++) {
            x[k] = random.nextDouble(-2, 2);
        }
        return x;
    }
}
