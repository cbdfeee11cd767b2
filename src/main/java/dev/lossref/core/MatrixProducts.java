package dev.lossref.core;

/**
 * Cache-blocked products of row-major matrices, for the embedding-and-weight heads (N x d times
 * C x d). Blocking keeps a tile of each operand in cache while it is reused, so that large class
 * counts (C = 10,000) run at memory-friendly speed in plain Java.
 */
public final class MatrixProducts {

    /** Rows of each operand per tile: 64 rows of d = 512 doubles is 256 KiB, about an L2 cache. */
    private static final int TILE = 64;

    private MatrixProducts() {
    }

    /** A B^T for A [n x k] and B [m x k]: every row of A against every row of B. */
    public static double[] timesTransposed(double[] a, int n, double[] b, int m, int k) {
        double[] c = new double[Math.multiplyExact(n, m)];
        for (int i0 = 0; i0 < n; i0 += TILE) {
            int i1 = Math.min(n, i0 + TILE);
            for (int j0 = 0; j0 < m; j0 += TILE) {
                int j1 = Math.min(m, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    int rowA = i * k;
                    int rowC = i * m;
                    for (int j = j0; j < j1; j++) {
                        c[rowC + j] = Numerics.dot(a, rowA, b, j * k, k);
                    }
                }
            }
        }
        return c;
    }

    /** A B for A [n x m] and B [m x k]. */
    public static double[] times(double[] a, int n, int m, double[] b, int k) {
        double[] c = new double[Math.multiplyExact(n, k)];
        for (int p0 = 0; p0 < m; p0 += TILE) {
            int p1 = Math.min(m, p0 + TILE);
            for (int i = 0; i < n; i++) {
                int rowC = i * k;
                for (int p = p0; p < p1; p++) {
                    double aip = a[i * m + p];
                    if (aip != 0) {
                        axpy(aip, b, p * k, c, rowC, k);
                    }
                }
            }
        }
        return c;
    }

    /** A^T B for A [n x m] and B [n x k]. */
    public static double[] transposedTimes(double[] a, int n, int m, double[] b, int k) {
        double[] c = new double[Math.multiplyExact(m, k)];
        for (int p0 = 0; p0 < m; p0 += TILE) {
            int p1 = Math.min(m, p0 + TILE);
            for (int i = 0; i < n; i++) {
                int rowB = i * k;
                for (int p = p0; p < p1; p++) {
                    double aip = a[i * m + p];
                    if (aip != 0) {
                        axpy(aip, b, rowB, c, p * k, k);
                    }
                }
            }
        }
        return c;
    }

    /** y[yOffset..] += alpha x[xOffset..] over {@code length} elements. */
    private static void axpy(double alpha, double[] x, int xOffset, double[] y, int yOffset, int length) {
        for (int j = 0; j < length; j++) {
            y[yOffset + j] += alpha * x[xOffset + j];
        }
    }
}
