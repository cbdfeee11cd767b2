package dev.lossref.core.kernels;

import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.Violation;

/**
 * Rows scaled to unit length, u = x / ||x||, with the backward pass
 * dL/dx = (g - (g . u) u) / ||x|| for g = dL/du: the gradient loses its component along u, since
 * moving x along itself does not change its direction. Shared by every loss on normalised
 * embeddings, weights or centers.
 */
public final class RowNormalization {

    /**
     * Below this a squared norm may have lost digits to subnormal squares (1e-170 squared is 0): such a row is
     * normalised after an exact rescaling by a power of two, as is one whose squares overflow.
     */
    private static final double SMALLEST_SAFE_SQUARE = 0x1p-960;

    private final Matrix unit;
    private final double[] norms;
    private final double[] inverseNorms;

    private RowNormalization(Matrix unit, double[] norms, double[] inverseNorms) {
        this.unit = unit;
        this.norms = norms;
        this.inverseNorms = inverseNorms;
    }

    /**
     * Normalises every row of {@code rows}; a zero row has no direction and is refused naming it. A row whose
     * squares overflow or underflow (entries near 1e308 or 1e-160) is scaled by the power of two at its
     * largest entry first, exactly, so its direction is as exact as any other's; its norm itself may then be
     * beyond float64 (Infinity, for the losses that use norms to overflow honestly), its inverse is not.
     *
     * @param field the request field, for the message
     */
    public static RowNormalization of(Matrix rows, String field) {
        int n = rows.rows();
        int d = rows.cols();
        double[] x = rows.data();
        double[] unit = new double[x.length];
        double[] norms = new double[n];
        double[] inverseNorms = new double[n];
        InputCheck check = new InputCheck();
        for (int i = 0; i < n; i++) {
            double square = Numerics.squaredNorm(x, i * d, d);
            if (square >= SMALLEST_SAFE_SQUARE && square < Double.POSITIVE_INFINITY) {
                double norm = Math.sqrt(square);
                norms[i] = norm;
                inverseNorms[i] = 1 / norm;
                for (int j = 0; j < d; j++) {
                    unit[i * d + j] = x[i * d + j] / norm;
                }
                continue;
            }
            if (allZero(x, i * d, d)) {
                check.fail(Violation.path(field, i), "has zero length, so its direction is undefined");
                continue;
            }
            double scale = Numerics.inversePowerOfTwo(x, i * d, d);
            double scaledSquare = 0;
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j] * scale;
                scaledSquare += v * v;
            }
            double scaledNorm = Math.sqrt(scaledSquare);
            norms[i] = scaledNorm / scale;
            inverseNorms[i] = scale / scaledNorm;
            for (int j = 0; j < d; j++) {
                unit[i * d + j] = x[i * d + j] * scale / scaledNorm;
            }
        }
        check.throwIfFailed();
        return new RowNormalization(new Matrix(n, d, unit), norms, inverseNorms);
    }

    private static boolean allZero(double[] x, int from, int length) {
        for (int k = from; k < from + length; k++) {
            if (x[k] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The unit rows u. */
    public Matrix unit() {
        return unit;
    }

    /** ||x|| of every row. */
    public double[] norms() {
        return norms;
    }

    /**
     * dL/dx from g = dL/du and an extra gradient with respect to the norms ({@code normGradient},
     * may be null): (g - (g . u) u) / ||x|| + (dL/d||x||) u. Overwrites and returns {@code g}.
     */
    public double[] backward(double[] g, double[] normGradient) {
        int n = unit.rows();
        int d = unit.cols();
        double[] u = unit.data();
        for (int i = 0; i < n; i++) {
            int row = i * d;
            double along = Numerics.dot(g, row, u, row, d);
            double inverseNorm = inverseNorms[i];
            double radial = normGradient == null ? 0 : normGradient[i];
            if (inverseNorm == Double.POSITIVE_INFINITY) {
                // A norm in the subnormals: divided by, a tangential part of 0 stays 0 instead of 0 times infinity.
                for (int j = 0; j < d; j++) {
                    g[row + j] = (g[row + j] - along * u[row + j]) / norms[i] + radial * u[row + j];
                }
                continue;
            }
            for (int j = 0; j < d; j++) {
                g[row + j] = (g[row + j] - along * u[row + j]) * inverseNorm + radial * u[row + j];
            }
        }
        return g;
    }
}
