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

    private final Matrix unit;
    private final double[] norms;

    private RowNormalization(Matrix unit, double[] norms) {
        this.unit = unit;
        this.norms = norms;
    }

    /**
     * Normalises every row of {@code rows}; a zero row has no direction and is refused naming it.
     *
     * @param field the request field, for the message
     */
    public static RowNormalization of(Matrix rows, String field) {
        int n = rows.rows();
        int d = rows.cols();
        double[] x = rows.data();
        double[] unit = new double[x.length];
        double[] norms = new double[n];
        InputCheck check = new InputCheck();
        for (int i = 0; i < n; i++) {
            double norm = Math.sqrt(Numerics.squaredNorm(x, i * d, d));
            norms[i] = norm;
            if (norm == 0) {
                check.fail(Violation.path(field, i), "has zero length, so its direction is undefined");
                continue;
            }
            if (!Double.isFinite(norm)) {
                // The squares overflowed: rescale first so that large but finite rows still work.
                double largest = 0;
                for (int j = 0; j < d; j++) {
                    largest = Math.max(largest, Math.abs(x[i * d + j]));
                }
                double scaled = 0;
                for (int j = 0; j < d; j++) {
                    double v = x[i * d + j] / largest;
                    scaled += v * v;
                }
                norm = largest * Math.sqrt(scaled);
                norms[i] = norm;
            }
            for (int j = 0; j < d; j++) {
                unit[i * d + j] = x[i * d + j] / norm;
            }
        }
        check.throwIfFailed();
        return new RowNormalization(new Matrix(n, d, unit), norms);
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
            double inverseNorm = 1 / norms[i];
            double radial = normGradient == null ? 0 : normGradient[i];
            for (int j = 0; j < d; j++) {
                g[row + j] = (g[row + j] - along * u[row + j]) * inverseNorm + radial * u[row + j];
            }
        }
        return g;
    }
}
