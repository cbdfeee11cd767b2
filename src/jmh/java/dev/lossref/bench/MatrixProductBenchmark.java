package dev.lossref.bench;

import dev.lossref.core.kernels.MatrixProducts;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three products of the embedding-and-weight heads (cosines = X W^T forward; G W and G^T X
 * backward) at the ArcFace size of issue 6 (N = 256, d = 512, C = 10,000): the service's blocked
 * kernel against a naive loop and against EJML, the candidate library.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx4g", "--add-modules=jdk.incubator.vector"})
public class MatrixProductBenchmark {

    @Param({"256"})
    int n;

    @Param({"512"})
    int d;

    @Param({"10000"})
    int c;

    double[] x;
    double[] w;
    double[] g;
    DMatrixRMaj xMatrix;
    DMatrixRMaj wMatrix;
    DMatrixRMaj gMatrix;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        x = random.doubles((long) n * d, -1, 1).toArray();
        w = random.doubles((long) c * d, -1, 1).toArray();
        g = random.doubles((long) n * c, -1, 1).toArray();
        xMatrix = DMatrixRMaj.wrap(n, d, x);
        wMatrix = DMatrixRMaj.wrap(c, d, w);
        gMatrix = DMatrixRMaj.wrap(n, c, g);
    }

    @Benchmark
    public double[] blockedForward() {
        return MatrixProducts.timesTransposed(x, n, w, c, d);
    }

    @Benchmark
    public double[] blockedBackwardEmbeddings() {
        return MatrixProducts.times(g, n, c, w, d);
    }

    @Benchmark
    public double[] blockedBackwardWeights() {
        return MatrixProducts.transposedTimes(g, n, c, x, d);
    }

    @Benchmark
    public double[] naiveForward() {
        double[] out = new double[n * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += x[i * d + k] * w[j * d + k];
                }
                out[i * c + j] = sum;
            }
        }
        return out;
    }

    @Benchmark
    public double[] naiveBackwardWeights() {
        double[] out = new double[c * d];
        for (int j = 0; j < c; j++) {
            for (int k = 0; k < d; k++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += g[i * c + j] * x[i * d + k];
                }
                out[j * d + k] = sum;
            }
        }
        return out;
    }

    @Benchmark
    public DMatrixRMaj ejmlForward() {
        DMatrixRMaj out = new DMatrixRMaj(n, c);
        CommonOps_DDRM.multTransB(xMatrix, wMatrix, out);
        return out;
    }

    @Benchmark
    public DMatrixRMaj ejmlBackwardEmbeddings() {
        DMatrixRMaj out = new DMatrixRMaj(n, d);
        CommonOps_DDRM.mult(gMatrix, wMatrix, out);
        return out;
    }

    @Benchmark
    public DMatrixRMaj ejmlBackwardWeights() {
        DMatrixRMaj out = new DMatrixRMaj(c, d);
        CommonOps_DDRM.multTransA(gMatrix, xMatrix, out);
        return out;
    }
}
