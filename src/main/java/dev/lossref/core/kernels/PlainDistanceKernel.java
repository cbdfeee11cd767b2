package dev.lossref.core.kernels;

/**
 * The plain-Java distance kernel: row i is compared with all later rows j in one contiguous loop over j
 * of the transposed rows, which the JIT turns into SIMD instructions, four coordinates per pass.
 */
final class PlainDistanceKernel implements DistanceKernel {

    @Override
    public void upperSquaredDistances(double[] x, double[] columns, int n, int d, double[] distances) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            int k = 0;
            for (; k + 3 < d; k += 4) {
                double x0 = x[i * d + k];
                double x1 = x[i * d + k + 1];
                double x2 = x[i * d + k + 2];
                double x3 = x[i * d + k + 3];
                int c0 = k * n;
                int c1 = c0 + n;
                int c2 = c1 + n;
                int c3 = c2 + n;
                for (int j = i + 1; j < n; j++) {
                    double e0 = x0 - columns[c0 + j];
                    double e1 = x1 - columns[c1 + j];
                    double e2 = x2 - columns[c2 + j];
                    double e3 = x3 - columns[c3 + j];
                    distances[row + j] =
                            Math.fma(e3, e3, Math.fma(e2, e2, Math.fma(e1, e1, Math.fma(e0, e0, distances[row + j]))));
                }
            }
            for (; k < d; k++) {
                double xk = x[i * d + k];
                int column = k * n;
                for (int j = i + 1; j < n; j++) {
                    double e = xk - columns[column + j];
                    distances[row + j] = Math.fma(e, e, distances[row + j]);
                }
            }
        }
    }
}
