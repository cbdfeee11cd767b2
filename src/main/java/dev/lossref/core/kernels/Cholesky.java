package dev.lossref.core.kernels;

/**
 * Solves A x = b for a symmetric positive definite A by the Cholesky factorisation A = L L^T
 * (Golub and Van Loan, Matrix Computations, algorithm 4.2.1), the solver of Newton steps.
 */
public final class Cholesky {

    private Cholesky() {}

    /**
     * x with A x = b, or null when A is not positive definite to float64 precision: a pivot at or
     * below n * 2^-52 times the largest diagonal entry (a direction without curvature, where the
     * Newton step is unbounded or meaningless).
     *
     * @param a A [n x n], row-major and symmetric; left untouched
     * @param b b [n]
     * @return x [n], or null
     */
    public static double[] solve(double[] a, int n, double[] b) {
        double largest = 0;
        for (int k = 0; k < n; k++) {
            largest = Math.max(largest, Math.abs(a[k * n + k]));
        }
        double threshold = n * Math.ulp(1.0) * largest;
        double[] factor = new double[n * n];
        for (int j = 0; j < n; j++) {
            double pivot = a[j * n + j] - Numerics.dot(factor, j * n, factor, j * n, j);
            if (!(pivot > threshold)) {
                return null;
            }
            double diagonal = Math.sqrt(pivot);
            factor[j * n + j] = diagonal;
            for (int i = j + 1; i < n; i++) {
                factor[i * n + j] = (a[i * n + j] - Numerics.dot(factor, i * n, factor, j * n, j)) / diagonal;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = (b[i] - Numerics.dot(factor, i * n, y, 0, i)) / factor[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= factor[k * n + i] * x[k];
            }
            x[i] = sum / factor[i * n + i];
        }
        return x;
    }
}
