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

/** The metric-learning workloads of issue 15 (forward plus backward, float64, one thread) under JMH. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx6g", "-XX:ActiveProcessorCount=1", "--add-modules=jdk.incubator.vector"})
public class MetricLearningBenchmark {

    @Param({"nt-xent N=512 d=128", "supervised-contrastive N=512 d=128"})
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
