package dev.lossref.core.kernels;

import dev.lossref.core.Parallel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The distance kernel on the Vector API, loaded by {@link KernelChoice} only where the JVM has the
 * module. The register tiling of {@link VectorProductKernel} with a subtraction before each fused
 * multiply-add: a tile of 4 rows i by 2 vectors of rows j keeps its eight sums in registers over all d
 * coordinates, each step loading two vectors of the transposed rows and broadcasting four coordinates.
 * Tiles on or above the diagonal only; a block of 64 rows i goes through every strip of columns j while
 * the strip stays in L1; blocks are split across the cores. Tiles at the edges are done element by
 * element in the same order.
 */
final class VectorDistanceKernel implements DistanceKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int TILE_ROWS = 4;
    private static final int TILE_COLUMNS = 2 * LANES;
    /** Rows i per parallel task, a multiple of {@link #TILE_ROWS}. */
    private static final int ROW_BLOCK = 64;

    @Override
    public void upperSquaredDistances(double[] x, double[] columns, int n, int d, double[] distances) {
        int rowBlocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
        Parallel.forEachRow(rowBlocks, (long) ROW_BLOCK * n * d / 2, block -> {
            int i0 = block * ROW_BLOCK;
            int i1 = Math.min(n, i0 + ROW_BLOCK);
            for (int js = i0 / TILE_COLUMNS * TILE_COLUMNS; js < n; js += TILE_COLUMNS) {
                int width = Math.min(TILE_COLUMNS, n - js);
                for (int ti = i0; ti < i1 && ti < js + TILE_COLUMNS; ti += TILE_ROWS) {
                    int rows = Math.min(TILE_ROWS, i1 - ti);
                    if (rows == TILE_ROWS && width == TILE_COLUMNS) {
                        tile(x, columns, n, d, ti, js, distances);
                    } else {
                        edgeTile(x, columns, n, d, ti, rows, js, width, distances);
                    }
                }
            }
        });
    }

    private static void tile(double[] x, double[] columns, int n, int d, int ti, int js, double[] distances) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector s00 = zero;
        DoubleVector s01 = zero;
        DoubleVector s10 = zero;
        DoubleVector s11 = zero;
        DoubleVector s20 = zero;
        DoubleVector s21 = zero;
        DoubleVector s30 = zero;
        DoubleVector s31 = zero;
        int x0 = ti * d;
        int x1 = x0 + d;
        int x2 = x1 + d;
        int x3 = x2 + d;
        for (int k = 0; k < d; k++) {
            int at = k * n + js;
            DoubleVector y0 = DoubleVector.fromArray(SPECIES, columns, at);
            DoubleVector y1 = DoubleVector.fromArray(SPECIES, columns, at + LANES);
            DoubleVector xi = DoubleVector.broadcast(SPECIES, x[x0 + k]);
            DoubleVector e0 = xi.sub(y0);
            DoubleVector e1 = xi.sub(y1);
            s00 = e0.fma(e0, s00);
            s01 = e1.fma(e1, s01);
            xi = DoubleVector.broadcast(SPECIES, x[x1 + k]);
            e0 = xi.sub(y0);
            e1 = xi.sub(y1);
            s10 = e0.fma(e0, s10);
            s11 = e1.fma(e1, s11);
            xi = DoubleVector.broadcast(SPECIES, x[x2 + k]);
            e0 = xi.sub(y0);
            e1 = xi.sub(y1);
            s20 = e0.fma(e0, s20);
            s21 = e1.fma(e1, s21);
            xi = DoubleVector.broadcast(SPECIES, x[x3 + k]);
            e0 = xi.sub(y0);
            e1 = xi.sub(y1);
            s30 = e0.fma(e0, s30);
            s31 = e1.fma(e1, s31);
        }
        int row = ti * n + js;
        s00.intoArray(distances, row);
        s01.intoArray(distances, row + LANES);
        s10.intoArray(distances, row + n);
        s11.intoArray(distances, row + n + LANES);
        s20.intoArray(distances, row + 2 * n);
        s21.intoArray(distances, row + 2 * n + LANES);
        s30.intoArray(distances, row + 3 * n);
        s31.intoArray(distances, row + 3 * n + LANES);
    }

    private static void edgeTile(
            double[] x, double[] columns, int n, int d, int ti, int rows, int js, int width, double[] distances) {
        for (int i = ti; i < ti + rows; i++) {
            for (int j = js; j < js + width; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    double e = x[i * d + k] - columns[k * n + j];
                    sum = Math.fma(e, e, sum);
                }
                distances[i * n + j] = sum;
            }
        }
    }
}
