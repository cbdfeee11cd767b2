package dev.lossref.core.kernels;

/**
 * One way of computing the squared distances ||x_i - x_j||^2 between the rows of x [n x d], from the
 * differences (never from the norms, which cancel for nearby points).
 *
 * <p>Every implementation forms each distance by the same chain,
 * {@code D_ij = fma(e_d-1, e_d-1, ... fma(e_0, e_0, 0))} with {@code e_k = x_ik - x_jk} and k ascending,
 * so all of them give the same bits and which one runs (see {@link KernelChoice}) never changes an
 * answer.
 */
interface DistanceKernel {

    /**
     * Writes D_ij for every j > i into {@code distances} [n x n], which starts zeroed; it may also write
     * elements below the diagonal (the caller mirrors the upper triangle over them) and the diagonal
     * (as the exact 0 it is).
     *
     * @param columns x transposed, [d x n]
     */
    void upperSquaredDistances(double[] x, double[] columns, int n, int d, double[] distances);
}
