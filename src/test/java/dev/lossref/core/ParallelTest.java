package dev.lossref.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void theFirstNonFiniteElementIsFoundInSmallAndLargeArrays() {
        assertThat(Parallel.firstNonFinite(new double[0])).isEqualTo(-1);
        assertThat(Parallel.firstNonFinite(new double[] {0, -0.0, Double.MAX_VALUE, -Double.MIN_VALUE}))
                .isEqualTo(-1);
        assertThat(Parallel.firstNonFinite(new double[] {1, Double.NaN, Double.POSITIVE_INFINITY}))
                .isEqualTo(1);
        // Large arrays are scanned in blocks on all cores: the first in order is reported, wherever the others are.
        double[] large = new SplittableRandom(2).doubles(1_000_003).toArray();
        assertThat(Parallel.firstNonFinite(large)).isEqualTo(-1);
        for (int[] positions :
                new int[][] {{0}, {16_383, 16_384}, {500_000, 999_999}, {1_000_002}, {777_777, 20, 900_000}}) {
            double[] data = large.clone();
            for (int position : positions) {
                data[position] = position % 2 == 0 ? Double.NaN : Double.NEGATIVE_INFINITY;
            }
            assertThat(Parallel.firstNonFinite(data))
                    .as(Arrays.toString(positions))
                    .isEqualTo(Arrays.stream(positions).min().orElseThrow());
        }
    }

    @Test
    void everyRowRunsOnceWhetherOnOneCoreOrAll() {
        for (int rows : new int[] {1, 7, 5000}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(rows);
            Parallel.forEachRow(rows, 1000, runs::incrementAndGet);
            for (int i = 0; i < rows; i++) {
                assertThat(runs.get(i)).isEqualTo(1);
            }
        }
    }
}
