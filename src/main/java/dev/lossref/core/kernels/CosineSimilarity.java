package dev.lossref.core.kernels;

import dev.lossref.core.Matrix;

/**
 * Cosine similarities s_ij = u_i . v_j of unit rows u_i = x_i / ||x_i|| and v_j = y_j / ||y_j||, as an
 * [n x m] row-major matrix, with the backward pass from G = dL/dS: dL/du = G v, dL/dv = G^T u, then
 * through each row's normalisation ({@link RowNormalization}). Within one set of rows (x = y) the two
 * halves add: dL/du = (G + G^T) u. Shared by the losses on similarities of normalised embeddings.
 */
public final class CosineSimilarity {

    private final RowNormalization rows;
    private final RowNormalization columns;
    private final double[] values;

    private CosineSimilarity(RowNormalization rows, RowNormalization columns) {
        this.rows = rows;
        this.columns = columns;
        Matrix u = rows.unit();
        Matrix v = columns.unit();
        this.values = rows == columns
                ? MatrixProducts.gram(u.data(), u.rows(), u.cols())
                : MatrixProducts.timesTransposed(u.data(), u.rows(), v.data(), v.rows(), u.cols());
    }

    /** Every s_ij among the rows of x; a zero row is refused naming {@code field} and its index. */
    public static CosineSimilarity within(Matrix x, String field) {
        RowNormalization rows = RowNormalization.of(x, field);
        return new CosineSimilarity(rows, rows);
    }

    /** Every s_ij between the rows of x and the rows of y (both with d columns). */
    public static CosineSimilarity between(Matrix x, String xField, Matrix y, String yField) {
        return new CosineSimilarity(RowNormalization.of(x, xField), RowNormalization.of(y, yField));
    }

    /** S [n x m], row-major. */
    public double[] values() {
        return values;
    }

    public int rowCount() {
        return rows.unit().rows();
    }

    public int columnCount() {
        return columns.unit().rows();
    }

    /** The unit rows u. */
    public Matrix rowUnits() {
        return rows.unit();
    }

    /** The unit rows v. */
    public Matrix columnUnits() {
        return columns.unit();
    }

    /** dL/dx for S within one set of rows, from G = dL/dS [n x n]; G is overwritten. */
    public double[] backwardWithin(double[] g) {
        int n = rowCount();
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = g[i * n + j] + g[j * n + i];
                g[i * n + j] = sum;
                g[j * n + i] = sum;
            }
        }
        Matrix u = rows.unit();
        return rows.backward(MatrixProducts.times(g, n, n, u.data(), u.cols()), null);
    }

    /** dL/dx of the row set from G = dL/dS [n x m]. */
    public double[] backwardRows(double[] g) {
        Matrix v = columns.unit();
        return rows.backward(MatrixProducts.times(g, rowCount(), columnCount(), v.data(), v.cols()), null);
    }

    /** dL/dy of the column set from G = dL/dS [n x m]. */
    public double[] backwardColumns(double[] g) {
        Matrix u = rows.unit();
        return columns.backward(MatrixProducts.transposedTimes(g, rowCount(), columnCount(), u.data(), u.cols()), null);
    }
}
