package dev.lossref.api.json;

import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;

/**
 * An array parsed by the fast path: its numbers in row-major order, whether every one was written
 * as a JSON integer (no fraction, no exponent), and its shape, outermost first. A field that wants
 * another rank, or integers where there are none, declines it, and the strict readers then explain.
 */
record NumberBlock(double[] values, boolean integral, int[] shape) {

    long size() {
        return values.length;
    }

    double[] vector() {
        expectRank(1);
        return values;
    }

    /** The numbers as labels: JSON integers within int range. */
    int[] labels() {
        expectRank(1);
        if (!integral) {
            throw new FastPathDeclined();
        }
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
                throw new FastPathDeclined();
            }
            labels[i] = (int) values[i];
        }
        return labels;
    }

    Matrix matrix() {
        expectRank(2);
        return new Matrix(shape[0], shape[1], values);
    }

    Tensor tensor() {
        return Tensor.of(shape, values);
    }

    private void expectRank(int rank) {
        if (shape.length != rank) {
            throw new FastPathDeclined();
        }
    }
}
