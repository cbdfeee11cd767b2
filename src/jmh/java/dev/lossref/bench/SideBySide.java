package dev.lossref.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Times every core workload (median of repeated runs after two seconds of warm-up) and prints one
 * {@code name<TAB>seconds} line each, for bench/side_by_side.py to put next to PyTorch.
 */
public final class SideBySide {

    private SideBySide() {}

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        java.util.List<String> only = java.util.Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        for (Map.Entry<String, Supplier<Runnable>> workload :
                CoreWorkloads.all().entrySet()) {
            if (!only.isEmpty() && only.stream().noneMatch(workload.getKey()::startsWith)) {
                continue;
            }
            Runnable work = workload.getValue().get();
            // Warm up for two seconds (and at least five runs), so that the JIT has compiled the hot loops.
            long warmupEnd = System.nanoTime() + 2_000_000_000L;
            for (int warmup = 0; warmup < 5 || System.nanoTime() < warmupEnd; warmup++) {
                work.run();
            }
            List<Long> times = new ArrayList<>();
            for (int k = 0; k < repeats; k++) {
                long start = System.nanoTime();
                work.run();
                times.add(System.nanoTime() - start);
            }
            Collections.sort(times);
            System.out.println(workload.getKey() + "\t" + times.get(times.size() / 2) / 1e9);
        }
    }
}
