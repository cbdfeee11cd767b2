package dev.lossref.core.kernels;

import dev.lossref.core.Parallel;

/**
 * The plain-Java product kernel, for JVMs started without the Vector API: each row of C accumulated as
 * a sum of rows of B scaled by the entries of A's row, four rows of B at a time. That inner loop runs
 * over contiguous memory with no dependency between iterations, so the JIT compiles it to SIMD
 * instructions; it is blocked over the columns of C (so that the row being accumulated stays in L1)
 * and over the rows of B (so that they stay in cache while every row of A uses them). An operand given
 * transposed is transposed back first: that copy is linear in the data, the product is not.
 */
final class PlainProductKernel implements ProductKernel {

    /** Columns of C per block: 1024 doubles, 8 KiB, in L1 while four rows of B stream past. */
    private static final int COLUMN_BLOCK = 1024;
    /** Rows of B per block: 256 rows of 8 KiB slices, reused by every row of A. */
    private static final int DEPTH_BLOCK = 256;
    /** Rows of A per parallel task: each task streams all of B once, so tasks should be few and large. */
    private static final int ROW_BLOCK = 64;

    @Override
    public void multiplyAdd(
            double[] aGiven,
            boolean aTransposed,
            double[] bGiven,
            boolean bTransposed,
            int n,
            int m,
            int k,
            double[] c,
            boolean upperBlocksOnly) {
        double[] a = aTransposed ? MatrixProducts.transpose(aGiven, m, n) : aGiven;
        double[] b = bTransposed ? MatrixProducts.transpose(bGiven, k, m) : bGiven;
        int rowBlocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
        Parallel.forEachRow(rowBlocks, (long) ROW_BLOCK * m * k, block -> {
            int i0 = block * ROW_BLOCK;
            int i1 = Math.min(n, i0 + ROW_BLOCK);
            for (int j0 = upperBlocksOnly ? i0 : 0; j0 < k; j0 += COLUMN_BLOCK) {
                int j1 = Math.min(k, j0 + COLUMN_BLOCK);
                for (int p0 = 0; p0 < m; p0 += DEPTH_BLOCK) {
                    int p1 = Math.min(m, p0 + DEPTH_BLOCK);
                    int i = i0;
                    for (; i + 1 < i1; i += 2) {
                        accumulateTwoRows(a, i * m, m, b, k, c, i * k, p0, p1, j0, j1);
                    }
                    for (; i < i1; i++) {
                        accumulateRow(a, i * m, b, k, c, i * k, p0, p1, j0, j1);
                    }
                }
            }
        });
    }

    /**
     * {@link #accumulateRow} for rows i and i + 1 of A at once: every element of B loaded serves both
     * rows, so that the loop does eight multiply-adds per four loads of B instead of four.
     */
    private static void accumulateTwoRows(
            double[] a, int aRow, int m, double[] b, int k, double[] c, int cRow, int p0, int p1, int j0, int j1) {
        int aNext = aRow + m;
        int cNext = cRow + k;
        int p = p0;
        for (; p + 3 < p1; p += 4) {
            double a0 = a[aRow + p];
            double a1 = a[aRow + p + 1];
            double a2 = a[aRow + p + 2];
            double a3 = a[aRow + p + 3];
            double e0 = a[aNext + p];
            double e1 = a[aNext + p + 1];
            double e2 = a[aNext + p + 2];
            double e3 = a[aNext + p + 3];
            int b0 = p * k;
            int b1 = b0 + k;
            int b2 = b1 + k;
            int b3 = b2 + k;
            for (int j = j0; j < j1; j++) {
                double v0 = b[b0 + j];
                double v1 = b[b1 + j];
                double v2 = b[b2 + j];
                double v3 = b[b3 + j];
                c[cRow + j] = Math.fma(a3, v3, Math.fma(a2, v2, Math.fma(a1, v1, Math.fma(a0, v0, c[cRow + j]))));
                c[cNext + j] = Math.fma(e3, v3, Math.fma(e2, v2, Math.fma(e1, v1, Math.fma(e0, v0, c[cNext + j]))));
            }
        }
        for (; p < p1; p++) {
            double a0 = a[aRow + p];
            double e0 = a[aNext + p];
            int b0 = p * k;
            for (int j = j0; j < j1; j++) {
                double v0 = b[b0 + j];
                c[cRow + j] = Math.fma(a0, v0, c[cRow + j]);
                c[cNext + j] = Math.fma(e0, v0, c[cNext + j]);
            }
        }
    }

    /** c[cRow + j0..j1) += sum over p in [p0, p1) of a[aRow + p] b[p, j0..j1), one fma per term. */
    private static void accumulateRow(
            double[] a, int aRow, double[] b, int k, double[] c, int cRow, int p0, int p1, int j0, int j1) {
        int p = p0;
        for (; p + 3 < p1; p += 4) {
            double a0 = a[aRow + p];
            double a1 = a[aRow + p + 1];
            double a2 = a[aRow + p + 2];
            double a3 = a[aRow + p + 3];
            int b0 = p * k;
            int b1 = b0 + k;
            int b2 = b1 + k;
            int b3 = b2 + k;
            for (int j = j0; j < j1; j++) {
                c[cRow + j] = Math.fma(
                        a3,
                        b[b3 + j],
                        Math.fma(a2, b[b2 + j], Math.fma(a1, b[b1 + j], Math.fma(a0, b[b0 + j], c[cRow + j]))));
            }
        }
        for (; p < p1; p++) {
            double a0 = a[aRow + p];
            int b0 = p * k;
            for (int j = j0; j < j1; j++) {
                c[cRow + j] = Math.fma(a0, b[b0 + j], c[cRow + j]);
            }
        }
    }
}
