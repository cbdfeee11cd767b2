#!/usr/bin/python3
"""Times the workloads of issue 6 in PyTorch float64 and in the service's core, one thread each, in one
run, and prints the ratios. Needs Debian's python3-torch and python3-torchvision; never run by CI.

    /usr/bin/python3 bench/side_by_side.py [repeats [workload-prefix ...]]

JAVA names the java that runs the core (default: java on the PATH; the container runs Temurin 25).

The metric-learning workloads need pytorch-metric-learning's src on PYTHONPATH (see
src/test/resources/golden/generate_metric_learning.py).
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import torch_workloads  # noqa: E402


def core_timings(repeats, only):
    subprocess.run(["./mvnw", "-q", "-B", "-Pjmh", "test-compile", "dependency:build-classpath",
                    "-Dmdep.outputFile=target/bench.classpath", "-Dmdep.includeScope=test"], cwd=ROOT, check=True)
    with open(os.path.join(ROOT, "target/bench.classpath")) as f:
        classpath = "target/test-classes:target/classes:" + f.read().strip()
    # One processor for the JVM too, so that the core's parallel loops stay on one thread like torch.
    # The Vector API module, as the container starts the service with it (core.kernels.KernelChoice).
    out = subprocess.run([os.environ.get("JAVA", "java"), "-XX:ActiveProcessorCount=1", "-Xmx6g", "--add-modules=jdk.incubator.vector",
                          "-cp", classpath, "dev.lossref.bench.SideBySide", str(repeats)] + only, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return {line.split("\t")[0]: float(line.split("\t")[1]) for line in out.strip().splitlines()}


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    only = sys.argv[2:]
    torch_times = torch_workloads.time_all(repeats, only)
    core = core_timings(repeats, only)
    print("%-34s %12s %12s %10s" % ("workload (forward + backward)", "PyTorch ms", "core ms", "speed-up"))
    for name, seconds in torch_times.items():
        print("%-34s %12.2f %12.2f %9.2fx" % (name, seconds * 1e3, core[name] * 1e3, seconds / core[name]))


if __name__ == "__main__":
    main()
