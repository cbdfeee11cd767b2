package dev.lossref.core.kernels;

/**
 * One way of computing C += A B for row-major A [n x m], B [m x k], C [n x k].
 *
 * <p>Every implementation forms each element by the same chain of fused multiply-adds,
 * {@code c_ij = fma(a_i,m-1, b_m-1,j, ... fma(a_i0, b_0j, c_ij))} with p ascending, whatever its
 * blocking, tiling, vector width or split across threads: so all of them give the same bits, and
 * which one runs (the plain-Java or the Vector API kernel, see {@link KernelChoice}) never changes
 * an answer.
 */
interface ProductKernel {

    /**
     * C += A B. {@code a} holds A row-major, or A^T row-major ([m x n]) when {@code aTransposed}; {@code b}
     * holds B, or B^T ([k x m]) when {@code bTransposed}: so that A B^T and A^T B need no transposed copy.
     * With {@code upperBlocksOnly} (for a symmetric product) a row block starting at row i0 may skip the
     * columns before i0: every element on and above the diagonal is still computed.
     */
    void multiplyAdd(
            double[] a,
            boolean aTransposed,
            double[] b,
            boolean bTransposed,
            int n,
            int m,
            int k,
            double[] c,
            boolean upperBlocksOnly);
}
