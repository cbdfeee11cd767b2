package dev.lossref.core.kernels;

/**
 * Distances between vectors: one pair, or every pair of the rows of a matrix. Exact where it matters
 * for metric learning: differences first, so that two near or equal rows give a distance near or
 * exactly 0, never a negative number from cancellation.
 */
public final class PairwiseDistances {

    private PairwiseDistances() {
    }

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
     * The rows are transposed once so that row i is compared with all later rows j in one contiguous
     * loop over j, which the JIT turns into SIMD instructions; the upper triangle is computed (four
     * coordinates at a time, then the rest) and mirrored.
     */
    private static double[] matrix(double[] x, int n, int d, boolean root) {
        double[] columns = MatrixProducts.transpose(x, n, d);
        double[] distances = new double[Math.multiplyExact(n, n)];
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
                    double d0 = x0 - columns[c0 + j];
                    double d1 = x1 - columns[c1 + j];
                    double d2 = x2 - columns[c2 + j];
                    double d3 = x3 - columns[c3 + j];
                    distances[row + j] += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
                }
            }
            for (; k < d; k++) {
                double xk = x[i * d + k];
                int column = k * n;
                for (int j = i + 1; j < n; j++) {
                    double difference = xk - columns[column + j];
                    distances[row + j] += difference * difference;
                }
            }
            if (root) {
                for (int j = i + 1; j < n; j++) {
                    distances[row + j] = Math.sqrt(distances[row + j]);
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
