package dev.lossref.core.kernels;

import dev.lossref.core.Parallel;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The product kernel on the Vector API (JDK incubator module {@code jdk.incubator.vector}), loaded by
 * {@link KernelChoice} only when the JVM was started with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>The classic register-tiled scheme of optimised BLAS (Goto and van de Geijn, "Anatomy of
 * high-performance matrix multiplication", ACM TOMS 34(3), 2008): a block of B (256 rows by 512
 * columns) is copied once into strips two vectors wide, each laid out row after row so that the inner
 * loop reads it contiguously (from B or B^T, so A B^T needs no transposed copy); four rows of A are copied side by
 * side; then a 4 x 2-vector tile of C lives
 * in eight vector registers for the whole depth of the block, each step loading two vectors of B,
 * broadcasting four elements of A and doing eight vector fused multiply-adds. The plain kernel loads
 * and stores C once per four multiply-adds; this one once per 256. Row blocks of 64 are split across
 * the cores. Tiles at the right or bottom edge that are narrower than a full tile are done element by
 * element on the same packed copies, in the same order, so every element is the chain of fused
 * multiply-adds that {@link ProductKernel} requires.
 */
final class VectorProductKernel implements ProductKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int TILE_ROWS = 4;
    private static final int TILE_COLUMNS = 2 * LANES;
    /** Rows of B per packed block: with 512 columns, 1 MiB, in the L2 or L3 of one core. */
    private static final int DEPTH_BLOCK = 256;
    /** Columns of B per packed block, a multiple of every tile width (2 x 2, 4, 8 lanes). */
    private static final int COLUMN_BLOCK = 512;
    /** Rows of A per parallel task, a multiple of {@link #TILE_ROWS}. */
    private static final int ROW_BLOCK = 64;

    @Override
    public void multiplyAdd(
            double[] a,
            boolean aTransposed,
            double[] b,
            boolean bTransposed,
            int n,
            int m,
            int k,
            double[] c,
            boolean upperBlocksOnly) {
        int widest = roundUpToTile(Math.min(COLUMN_BLOCK, k));
        double[] packedB = new double[Math.min(DEPTH_BLOCK, m) * widest];
        for (int j0 = 0; j0 < k; j0 += COLUMN_BLOCK) {
            int j1 = Math.min(k, j0 + COLUMN_BLOCK);
            int rows = upperBlocksOnly ? Math.min(n, j1) : n;
            int rowBlocks = (rows + ROW_BLOCK - 1) / ROW_BLOCK;
            for (int p0 = 0; p0 < m; p0 += DEPTH_BLOCK) {
                int depth = Math.min(m, p0 + DEPTH_BLOCK) - p0;
                packStrips(b, bTransposed, m, k, p0, depth, j0, j1, packedB);
                int columnBlock = j0;
                int depthBlock = p0;
                Parallel.forEachRow(rowBlocks, (long) ROW_BLOCK * depth * (j1 - j0), block -> {
                    int i0 = block * ROW_BLOCK;
                    multiplyRowBlock(
                            a,
                            aTransposed,
                            n,
                            m,
                            i0,
                            Math.min(n, i0 + ROW_BLOCK),
                            depthBlock,
                            depth,
                            packedB,
                            columnBlock,
                            j1,
                            upperBlocksOnly ? i0 : 0,
                            c,
                            k);
                });
            }
        }
    }

    private static int roundUpToTile(int columns) {
        return (columns + TILE_COLUMNS - 1) / TILE_COLUMNS * TILE_COLUMNS;
    }

    /**
     * B[p0, p0 + depth) x [j0, j1) into strips of TILE_COLUMNS columns, row after row, zero-padded; from
     * B [m x k] or from B^T [k x m].
     */
    private static void packStrips(
            double[] b, boolean bTransposed, int m, int k, int p0, int depth, int j0, int j1, double[] packed) {
        for (int js = j0, strip = 0; js < j1; js += TILE_COLUMNS, strip += depth * TILE_COLUMNS) {
            int width = Math.min(TILE_COLUMNS, j1 - js);
            for (int p = 0; p < depth; p++) {
                int to = strip + p * TILE_COLUMNS;
                if (bTransposed) {
                    for (int q = 0; q < width; q++) {
                        packed[to + q] = b[(js + q) * m + p0 + p];
                    }
                } else {
                    System.arraycopy(b, (p0 + p) * k + js, packed, to, width);
                }
                Arrays.fill(packed, to + width, to + TILE_COLUMNS, 0.0);
            }
        }
    }

    private static void multiplyRowBlock(
            double[] a,
            boolean aTransposed,
            int n,
            int m,
            int i0,
            int i1,
            int p0,
            int depth,
            double[] packedB,
            int j0,
            int j1,
            int firstColumn,
            double[] c,
            int k) {
        double[] packedA = new double[TILE_ROWS * depth];
        for (int ti = i0; ti < i1; ti += TILE_ROWS) {
            int rows = Math.min(TILE_ROWS, i1 - ti);
            for (int p = 0; p < depth; p++) {
                for (int r = 0; r < TILE_ROWS; r++) {
                    packedA[p * TILE_ROWS + r] =
                            r >= rows ? 0.0 : aTransposed ? a[(p0 + p) * n + ti + r] : a[(ti + r) * m + p0 + p];
                }
            }
            for (int js = j0, strip = 0; js < j1; js += TILE_COLUMNS, strip += depth * TILE_COLUMNS) {
                if (js + TILE_COLUMNS <= firstColumn) {
                    continue;
                }
                int columns = Math.min(TILE_COLUMNS, j1 - js);
                if (rows == TILE_ROWS && columns == TILE_COLUMNS) {
                    tile(packedA, packedB, strip, depth, c, ti * k + js, k);
                } else {
                    edgeTile(packedA, packedB, strip, depth, c, ti * k + js, k, rows, columns);
                }
            }
        }
    }

    /** C[4 x 2 vectors at cAt] += the packed A panel times the packed B strip, in eight registers. */
    private static void tile(double[] packedA, double[] packedB, int strip, int depth, double[] c, int cAt, int k) {
        int c1 = cAt + k;
        int c2 = c1 + k;
        int c3 = c2 + k;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, c, cAt);
        DoubleVector c01 = DoubleVector.fromArray(SPECIES, c, cAt + LANES);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, c, c1);
        DoubleVector c11 = DoubleVector.fromArray(SPECIES, c, c1 + LANES);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, c, c2);
        DoubleVector c21 = DoubleVector.fromArray(SPECIES, c, c2 + LANES);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, c, c3);
        DoubleVector c31 = DoubleVector.fromArray(SPECIES, c, c3 + LANES);
        for (int p = 0; p < depth; p++) {
            int bAt = strip + p * TILE_COLUMNS;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, packedB, bAt);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, packedB, bAt + LANES);
            int aAt = p * TILE_ROWS;
            DoubleVector a0 = DoubleVector.broadcast(SPECIES, packedA[aAt]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(SPECIES, packedA[aAt + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(SPECIES, packedA[aAt + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(SPECIES, packedA[aAt + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        c00.intoArray(c, cAt);
        c01.intoArray(c, cAt + LANES);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + LANES);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + LANES);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + LANES);
    }

    private static void edgeTile(
            double[] packedA,
            double[] packedB,
            int strip,
            int depth,
            double[] c,
            int cAt,
            int k,
            int rows,
            int columns) {
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < columns; q++) {
                int at = cAt + r * k + q;
                double sum = c[at];
                for (int p = 0; p < depth; p++) {
                    sum = Math.fma(packedA[p * TILE_ROWS + r], packedB[strip + p * TILE_COLUMNS + q], sum);
                }
                c[at] = sum;
            }
        }
    }
}
