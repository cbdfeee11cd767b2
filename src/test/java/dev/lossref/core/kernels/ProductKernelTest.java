package dev.lossref.core.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both product kernels against the definition of {@link ProductKernel}: every element the chain of
 * fused multiply-adds over p ascending, bit for bit, at shapes that leave partial tiles, partial
 * blocks and several parallel row blocks.
 */
class ProductKernelTest {

    private static final Random RANDOM = new Random(20261202);

    @ParameterizedTest
    @CsvSource({
        "1, 1, 1",
        "3, 5, 7",
        "4, 8, 8",
        "5, 9, 17",
        "64, 256, 512",
        "67, 300, 531",
        "130, 513, 9",
        "9, 1030, 1100",
        "200, 3, 700"
    })
    void everyKernelFormsEachElementAsTheChainOfFusedMultiplyAdds(int n, int m, int k) {
        double[] a = gaussian(n * m);
        double[] b = gaussian(m * k);
        double[] start = gaussian(n * k);
        double[] expected = fmaChain(a, n, m, b, k, start.clone());
        for (ProductKernel kernel : new ProductKernel[] {new PlainProductKernel(), new VectorProductKernel()}) {
            for (boolean aTransposed : new boolean[] {false, true}) {
                for (boolean bTransposed : new boolean[] {false, true}) {
                    double[] c = start.clone();
                    kernel.multiplyAdd(
                            aTransposed ? MatrixProducts.transpose(a, n, m) : a,
                            aTransposed,
                            bTransposed ? MatrixProducts.transpose(b, m, k) : b,
                            bTransposed,
                            n,
                            m,
                            k,
                            c,
                            false);
                    assertThat(c)
                            .as(
                                    "%s, A%s B%s",
                                    kernel.getClass().getSimpleName(), aTransposed ? "^T" : "", bTransposed ? "^T" : "")
                            .isEqualTo(expected);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 3", "7, 5", "70, 33", "300, 129", "600, 64"})
    void theUpperBlocksHoldEveryElementOnAndAboveTheDiagonal(int n, int k) {
        double[] a = gaussian(n * k);
        double[] expected = fmaChain(a, n, k, MatrixProducts.transpose(a, n, k), n, new double[n * n]);
        for (ProductKernel kernel : new ProductKernel[] {new PlainProductKernel(), new VectorProductKernel()}) {
            double[] c = new double[n * n];
            kernel.multiplyAdd(a, false, a, true, n, k, n, c, true);
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    assertThat(c[i * n + j])
                            .as("%s (%d, %d)", kernel.getClass().getSimpleName(), i, j)
                            .isEqualTo(expected[i * n + j]);
                }
            }
        }
        double[] gram = MatrixProducts.gram(a, n, k);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertThat(gram[i * n + j]).isEqualTo(expected[Math.min(i, j) * n + Math.max(i, j)]);
            }
        }
    }

    @Test
    void theProductsAgreeWithTheSumsTheyStandFor() {
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {7, 8, 9, 10, 11, 12};
        // [1 2 3; 4 5 6] [7 8; 9 10; 11 12] = [58 64; 139 154]
        assertThat(MatrixProducts.times(a, 2, 3, b, 2)).containsExactly(58, 64, 139, 154);
        // [1 2 3; 4 5 6] [7 8 9; 10 11 12]^T = [50 68; 122 167]
        assertThat(MatrixProducts.timesTransposed(a, 2, b, 2, 3)).containsExactly(50, 68, 122, 167);
        // [1 2 3; 4 5 6]^T [7 8 9; 10 11 12] = [47 52 57; 64 71 78; 81 90 99]
        assertThat(MatrixProducts.transposedTimes(a, 2, 3, b, 3)).containsExactly(47, 52, 57, 64, 71, 78, 81, 90, 99);
        assertThat(MatrixProducts.gram(a, 2, 3)).containsExactly(14, 32, 32, 77);
    }

    private static double[] fmaChain(double[] a, int n, int m, double[] b, int k, double[] c) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                double sum = c[i * k + j];
                for (int p = 0; p < m; p++) {
                    sum = Math.fma(a[i * m + p], b[p * k + j], sum);
                }
                c[i * k + j] = sum;
            }
        }
        return c;
    }

    private static double[] gaussian(int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = RANDOM.nextGaussian();
        }
        return values;
    }
}
