package dev.lossref.core;

import java.util.Arrays;

/**
 * A dense row-major array of float64 numbers of rank 0 (a scalar) to {@link #MAX_RANK}: a vector, a matrix,
 * CTC's [N x T x C], a segmentation batch [N x C x S1 x S2 x S3].
 *
 * <p>The data array is shared, not copied: tensors are built once per request and handed along.
 */
public final class Tensor {

    /** The most axes a tensor has: a batch, a channel and three spatial axes. */
    public static final int MAX_RANK = 5;

    private final double[] data;
    private final int[] shape;
    private final boolean integral;

    private Tensor(double[] data, int[] shape, boolean integral) {
        this.data = data;
        this.shape = shape;
        this.integral = integral;
    }

    private Tensor(double[] data, int[] shape) {
        this(data, shape, false);
    }

    /** A matrix of integers (indices), held exactly as doubles and written without a fraction. */
    public static Tensor integerMatrix(int[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs " + (long) rows * cols
                    + " numbers, got " + values.length);
        }
        double[] data = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            data[k] = values[k];
        }
        return new Tensor(data, new int[] {rows, cols}, true);
    }

    /** A vector of integers (indices), held exactly as doubles and written without a fraction. */
    public static Tensor integerVector(int[] values) {
        double[] data = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            data[k] = values[k];
        }
        return new Tensor(data, new int[] {values.length}, true);
    }

    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0]);
    }

    public static Tensor vector(double[] data) {
        return new Tensor(data, new int[] {data.length});
    }

    public static Tensor matrix(double[] data, int rows, int cols) {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs " + (long) rows * cols
                    + " numbers, got " + data.length);
        }
        return new Tensor(data, new int[] {rows, cols});
    }

    /** A tensor of that shape (every extent >= 0, at most {@link #MAX_RANK} of them) over row-major data. */
    public static Tensor of(int[] shape, double[] data) {
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException("a tensor has at most " + MAX_RANK + " axes, got " + shape.length);
        }
        long size = 1;
        for (int extent : shape) {
            if (extent < 0) {
                throw new IllegalArgumentException("a negative extent in shape " + Arrays.toString(shape));
            }
            size *= extent;
        }
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "a tensor of shape " + Arrays.toString(shape) + " needs " + size + " numbers, got " + data.length);
        }
        return new Tensor(data, shape.clone());
    }

    /** An [n x rows x cols] tensor, row-major. */
    public static Tensor volume(double[] data, int n, int rows, int cols) {
        return of(new int[] {n, rows, cols}, data);
    }

    /**
     * The path of flat entry k in a client's message: {@code field[k]} for a vector, {@code field[i][j]} for a
     * matrix, one index per axis for any rank ({@code field} itself for a scalar).
     */
    public String path(String field, int k) {
        return path(field, shape, k);
    }

    /** The path of flat entry k of a row-major array of that shape, as {@link #path(String, int)}. */
    public static String path(String field, int[] shape, int k) {
        int[] index = new int[shape.length];
        int rest = k;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            index[axis] = shape[axis] == 0 ? 0 : rest % shape[axis];
            rest = shape[axis] == 0 ? 0 : rest / shape[axis];
        }
        return Violation.path(field, index);
    }

    /** Whether another tensor has this one's shape. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    public static Tensor of(Matrix matrix) {
        return matrix(matrix.data(), matrix.rows(), matrix.cols());
    }

    public double[] data() {
        return data;
    }

    /** The extent of each dimension; empty for a scalar. */
    public int[] shape() {
        return shape.clone();
    }

    /** Whether every element is an integer index, to be written as such. */
    public boolean integral() {
        return integral;
    }

    public int rank() {
        return shape.length;
    }

    public int dimension(int axis) {
        return shape[axis];
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
