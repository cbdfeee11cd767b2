package dev.lossref.core.kernels;

/**
 * Distances between vectors: one pair, or every pair of the rows of a matrix. Exact where it matters
 * for metric learning: differences first, so that two near or equal rows give a distance near or
 * exactly 0, never a negative number from cancellation.
 */
public final class PairwiseDistances {

    private static final DistanceKernel KERNEL = KernelChoice.distances();

    private PairwiseDistances() {}

    /**
     * ||u - v||^2 over {@code length} elements, from the differences (never from the norms, which cancel
     * for nearby points), with four running sums so that the additions do not wait on each other.
     */
    public static double squared(double[] u, int uOffset, double[] v, int vOffset, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < length; j += 4) {
            double d0 = u[uOffset + j] - v[vOffset + j];
            double d1 = u[uOffset + j + 1] - v[vOffset + j + 1];
            double d2 = u[uOffset + j + 2] - v[vOffset + j + 2];
            double d3 = u[uOffset + j + 3] - v[vOffset + j + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; j < length; j++) {
            double d = u[uOffset + j] - v[vOffset + j];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Every squared distance ||x_i - x_j||^2 of the rows of x [n x d], as an [n x n] row-major matrix
     * (zero diagonal, symmetric), computed from the differences, not from norms, which would cancel for
     * near points.
     */
    public static double[] squaredMatrix(double[] x, int n, int d) {
        return matrix(x, n, d, false);
    }

    /** Every Euclidean distance ||x_i - x_j|| of the rows of x [n x d], as {@link #squaredMatrix} does it. */
    public static double[] euclideanMatrix(double[] x, int n, int d) {
        return matrix(x, n, d, true);
    }

    /**
     * The rows are transposed once so that the kernel ({@link DistanceKernel}: the Vector API one where the
     * JVM offers it, the plain-Java one otherwise, the same bits either way) reads the rows j it compares
     * with contiguously; it fills the upper triangle, which is then rooted if asked and mirrored.
     */
    private static double[] matrix(double[] x, int n, int d, boolean root) {
        double[] distances = new double[Math.multiplyExact(n, n)];
        KERNEL.upperSquaredDistances(x, MatrixProducts.transpose(x, n, d), n, d, distances);
        for (int i = 0; i < n; i++) {
            distances[i * n + i] = 0;
            if (root) {
                for (int j = i + 1; j < n; j++) {
                    distances[i * n + j] = Math.sqrt(distances[i * n + j]);
                }
            }
        }
        mirrorUpperTriangle(distances, n);
        return distances;
    }

    /** Copies the upper triangle into the lower one, tile by tile so that the column writes stay in cache. */
    private static void mirrorUpperTriangle(double[] matrix, int n) {
        int tile = 32;
        for (int i0 = 0; i0 < n; i0 += tile) {
            for (int j0 = i0; j0 < n; j0 += tile) {
                for (int i = i0; i < Math.min(n, i0 + tile); i++) {
                    for (int j = Math.max(j0, i + 1); j < Math.min(n, j0 + tile); j++) {
                        matrix[j * n + i] = matrix[i * n + j];
                    }
                }
            }
        }
    }
}
