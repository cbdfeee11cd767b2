package dev.lossref.core.kernels;

/**
 * Products of row-major matrices for the embedding-and-weight heads (N x d against C x d).
 *
 * <p>One kernel does the work, C += A B ({@link ProductKernel}: the Vector API kernel where the JVM
 * offers it, the plain-Java one otherwise, the same bits either way), told which operand is stored
 * transposed. {@code MatrixProductBenchmark} measures the kernels.
 */
public final class MatrixProducts {

    private static final ProductKernel KERNEL = KernelChoice.products();
    private static final int TRANSPOSE_BLOCK = 32;

    private MatrixProducts() {}

    /** A B for A [n x m] and B [m x k]; large products split their row blocks across the cores. */
    public static double[] times(double[] a, int n, int m, double[] b, int k) {
        double[] c = new double[Math.multiplyExact(n, k)];
        KERNEL.multiplyAdd(a, false, b, false, n, m, k, c, false);
        return c;
    }

    /**
     * A A^T for A [n x k]: the Gram matrix of the rows, symmetric, so only the blocks on and above the
     * diagonal are computed (about half of {@link #timesTransposed}'s work) and the lower triangle is
     * copied from the upper one, which makes it exactly symmetric.
     */
    public static double[] gram(double[] a, int n, int k) {
        double[] c = new double[Math.multiplyExact(n, n)];
        KERNEL.multiplyAdd(a, false, a, true, n, k, n, c, true);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c[i * n + j] = c[j * n + i];
            }
        }
        return c;
    }

    /** A B^T for A [n x k] and B [m x k]: every row of A against every row of B. */
    public static double[] timesTransposed(double[] a, int n, double[] b, int m, int k) {
        double[] c = new double[Math.multiplyExact(n, m)];
        KERNEL.multiplyAdd(a, false, b, true, n, k, m, c, false);
        return c;
    }

    /** A^T B for A [n x m] and B [n x k]. */
    public static double[] transposedTimes(double[] a, int n, int m, double[] b, int k) {
        double[] c = new double[Math.multiplyExact(m, k)];
        KERNEL.multiplyAdd(a, true, b, false, m, n, k, c, false);
        return c;
    }

    /** The transpose of A [rows x cols], in tiles so that both the reads and the writes stay in cache. */
    public static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i0 = 0; i0 < rows; i0 += TRANSPOSE_BLOCK) {
            int i1 = Math.min(rows, i0 + TRANSPOSE_BLOCK);
            for (int j0 = 0; j0 < cols; j0 += TRANSPOSE_BLOCK) {
                int j1 = Math.min(cols, j0 + TRANSPOSE_BLOCK);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        t[j * rows + i] = a[i * cols + j];
                    }
                }
            }
        }
        return t;
    }
}
