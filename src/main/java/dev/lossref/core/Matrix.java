package dev.lossref.core;

/**
 * A row-major matrix held in one flat array: element (i, j) is {@code data[i * cols + j]}.
 *
 * @param rows number of rows (the batch size, for inputs)
 * @param cols number of columns
 * @param data the {@code rows * cols} elements, row after row
 */
public record Matrix(int rows, int cols, double[] data) {

    public Matrix {
        if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs " + (long) rows * cols
                    + " numbers, got " + data.length);
        }
    }

    /** The offset of the first element of {@code row} in {@link #data()}. */
    public int offset(int row) {
        return row * cols;
    }
}
