package dev.lossref.core;

import java.util.Arrays;

/**
 * A dense row-major array of float64 numbers: rank 0 (a scalar), 1 (a vector), 2 (a matrix) or 3
 * (a batch of matrices, such as CTC's [N x T x C]).
 *
 * <p>The data array is shared, not copied: tensors are built once per request and handed along.
 */
public final class Tensor {

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

    /** A vector, a matrix or a rank-3 tensor of that shape. */
    public static Tensor of(int[] shape, double[] data) {
        return switch (shape.length) {
            case 3 -> volume(data, shape[0], shape[1], shape[2]);
            case 2 -> matrix(data, shape[0], shape[1]);
            default -> vector(data);
        };
    }

    /** An [n x rows x cols] tensor, row-major. */
    public static Tensor volume(double[] data, int n, int rows, int cols) {
        if ((long) n * rows * cols != data.length) {
            throw new IllegalArgumentException("a " + n + " x " + rows + " x " + cols + " tensor needs "
                    + (long) n * rows * cols + " numbers, got " + data.length);
        }
        return new Tensor(data, new int[] {n, rows, cols});
    }

    /**
     * The path of flat entry k in a client's message: {@code field[k]}, {@code field[row][col]} for a
     * matrix, {@code field[i][row][col]} for rank 3.
     */
    public String path(String field, int k) {
        return switch (shape.length) {
            case 3 ->
                Violation.path(field, k / (shape[1] * shape[2])) + "[" + (k / shape[2]) % shape[1] + "][" + k % shape[2]
                        + "]";
            case 2 -> Violation.path(field, k / shape[1], k % shape[1]);
            default -> Violation.path(field, k);
        };
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
