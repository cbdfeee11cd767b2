package dev.lossref.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lossref.core.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tensor writer against Jackson writing the same numbers as nested Java arrays (its own number path):
 * the same text for every rank and shape, small and large (formatted in parallel blocks), and through the
 * generator for what the fast text path leaves to it.
 */
class TensorWriterTest {

    /** As the service's mapper writes (JDK 17's own Double.toString is not always shortest). */
    private static final JsonMapper LOSS_JSON = JsonMapper.builder()
            .addModule(new LossJsonModule())
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private static final JsonMapper PLAIN = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    @Test
    void vectorsMatricesAndVolumesAreWrittenAsJacksonWritesNestedArrays() {
        SplittableRandom random = new SplittableRandom(3);
        for (int[] shape :
                new int[][] {{1}, {7}, {1, 1}, {3, 4}, {5, 1}, {1, 6}, {2, 3, 4}, {3, 1, 2}, {1, 1, 1}, {2, 2, 1}}) {
            double[] data = random.doubles(product(shape), -1e3, 1e3).toArray();
            assertWrittenAsNestedArrays(shape, data);
        }
    }

    @Test
    void largeTensorsFormattedInParallelBlocksGiveTheSameText() {
        SplittableRandom random = new SplittableRandom(11);
        // Block boundaries (4,096 elements) fall inside rows, at row ends and inside the matrices of a volume;
        // the largest takes several waves of blocks (sixteen per core) on a machine of up to 16 cores, each
        // formatted while the one before is written, into the buffers of the wave before that.
        for (int[] shape : new int[][] {{200_000}, {4096, 40}, {1000, 131}, {131_073, 1}, {7, 301, 67}, {3001, 1001}}) {
            double[] data = random.doubles(product(shape))
                    .map(v -> (v - 0.5) * Math.pow(10, random.nextInt(-30, 30)))
                    .toArray();
            assertWrittenAsNestedArrays(shape, data);
        }
    }

    @Test
    void integersNegativeZeroAndEmptyTensorsGoThroughTheGenerator() {
        assertWrittenAsNestedArrays(new int[] {2, 2}, new double[] {1.5, -2.5e-300, 1e300, -0.0});
        assertWrittenAsNestedArrays(new int[] {0, 3}, new double[0]);
        assertWrittenAsNestedArrays(new int[] {2, 0}, new double[0]);
        assertThat(LOSS_JSON.writeValueAsString(Tensor.integerMatrix(new int[] {1, -2, 3, 4}, 2, 2)))
                .isEqualTo("[[1,-2],[3,4]]");
        assertThat(LOSS_JSON.writeValueAsString(Tensor.scalar(0.1 + 0.2))).isEqualTo("0.30000000000000004");
    }

    @Test
    void aNonFiniteNumberIsRefusedNotWrittenAsAString() {
        // The service checks every answer before writing it; a NaN reaching the writer is a bug, on any path:
        // a scalar, a small tensor, the last block of a large one formatted in parallel, a plain double.
        double[] large = new SplittableRandom(5).doubles(300_000).toArray();
        large[large.length - 1] = Double.NEGATIVE_INFINITY;
        for (Object answer : List.<Object>of(
                Tensor.scalar(Double.NaN),
                Tensor.matrix(new double[] {1.5, Double.NaN, 2, 3}, 2, 2),
                Tensor.vector(large),
                Map.of("value", Double.POSITIVE_INFINITY))) {
            assertThatThrownBy(() -> LOSS_JSON.writeValueAsString(answer)).hasStackTraceContaining("finite");
        }
        assertThatThrownBy(() ->
                        LOSS_JSON.convertValue(Map.of("x", Tensor.vector(new double[] {Double.NaN})), Map.class))
                .hasStackTraceContaining("finite");
    }

    @Test
    void aTokenBufferReceivesNumbersNotText() {
        Map<?, ?> converted =
                LOSS_JSON.convertValue(Map.of("x", Tensor.matrix(new double[] {0.25, -1e-9}, 1, 2)), Map.class);
        assertThat(converted.get("x")).isEqualTo(List.of(List.of(0.25, -1e-9)));
    }

    private static void assertWrittenAsNestedArrays(int[] shape, double[] data) {
        assertThat(LOSS_JSON.writeValueAsString(Tensor.of(shape, data)))
                .as("shape %s", Arrays.toString(shape))
                .isEqualTo(PLAIN.writeValueAsString(nested(shape, data)));
        assertThat(new String(LOSS_JSON.writeValueAsBytes(Map.of("t", Tensor.of(shape, data))), StandardCharsets.UTF_8))
                .isEqualTo("{\"t\":" + PLAIN.writeValueAsString(nested(shape, data)) + "}");
    }

    private static Object nested(int[] shape, double[] data) {
        return switch (shape.length) {
            case 1 -> data.clone();
            case 2 -> {
                double[][] rows = new double[shape[0]][shape[1]];
                for (int i = 0; i < shape[0]; i++) {
                    System.arraycopy(data, i * shape[1], rows[i], 0, shape[1]);
                }
                yield rows;
            }
            default -> {
                double[][][] volume = new double[shape[0]][shape[1]][shape[2]];
                for (int i = 0; i < shape[0]; i++) {
                    for (int r = 0; r < shape[1]; r++) {
                        System.arraycopy(data, (i * shape[1] + r) * shape[2], volume[i][r], 0, shape[2]);
                    }
                }
                yield volume;
            }
        };
    }

    private static int product(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
