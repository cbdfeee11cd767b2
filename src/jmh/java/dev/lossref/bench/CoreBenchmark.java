package dev.lossref.bench;

import java.util.concurrent.TimeUnit;
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

/** The core workloads of issue 6 (forward plus backward, float64, one thread) under JMH. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx6g", "-XX:ActiveProcessorCount=1", "--add-modules=jdk.incubator.vector"})
public class CoreBenchmark {

    @Param({
        "softmax-cross-entropy 4096x1000",
        "softmax-cross-entropy 4096x1000 with hessians",
        "arcface N=256 d=512 C=10000",
        "triplet explicit N=4096 d=128",
        "triplet batch-hard N=1024 d=128",
        "focal binary N=1e6",
        "hinge N=1e6",
        "ctc N=32 T=200 C=30 S=40",
        "smooth-l1 1000x1000 with hessians"
    })
    String workload;

    private Runnable work;

    @Setup
    public void setUp() {
        work = CoreWorkloads.all().get(workload).get();
    }

    @Benchmark
    public void forwardAndBackward() {
        work.run();
    }
}
