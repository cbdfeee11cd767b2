package dev.lossref.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lossref.catalog.DeclaredInputs;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.LossRequest;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import dev.lossref.core.Coefficients;
import dev.lossref.core.Evaluation;
import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.Violation;
import dev.lossref.support.ServiceTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A throwaway input of a shape no loss has yet, [N x C x S1 x S2 x S3], declared once and read from JSON
 * (streamed, and through the fast path of a body of known length) and from npz by the application's own
 * readers: no reader knows its rank, and the declarations check it.
 */
@ServiceTest
class DeclaredTensorInputTest {

    /** A request of a loss that does not exist: a volume per sample, its label, and sample weights. */
    record Volumes(Tensor volumes, int[] labels, double[] sampleWeights, Tensor masks, ReductionMode reduction)
            implements LossRequest {

        @Override
        public Boolean gradients() {
            return null;
        }

        /** The sum of each sample's volume, so that the sample weights show in the value. */
        @Override
        public Forward forward() {
            int n = volumes.dimension(0);
            int size = volumes.data().length / n;
            double[] perSample = new double[n];
            for (int k = 0; k < volumes.data().length; k++) {
                perSample[k / size] += volumes.data()[k];
            }
            return Forward.of(perSample, (Coefficients coefficients) -> {
                double[] gradient = new double[volumes.data().length];
                for (int k = 0; k < gradient.length; k++) {
                    gradient[k] = coefficients.at(k / size);
                }
                return new Gradients().put("volumes", Tensor.of(volumes.shape(), gradient));
            });
        }
    }

    private static final DeclaredInputs DECLARED = DeclaredInputs.of(
            List.of(
                    InputSpec.numbers(
                            "volumes",
                            Shape.of("N", "C", Shape.SPATIAL),
                            Requirement.REQUIRED,
                            "One volume of C channels per sample."),
                    InputSpec.integers("labels", Shape.of("N"), Requirement.REQUIRED, "One label per sample."),
                    InputSpec.numbers("sampleWeights", Shape.of("N"), Requirement.OPTIONAL, "One weight per sample."),
                    InputSpec.numbers(
                            "masks", Shape.of("N", Shape.SPATIAL), Requirement.OPTIONAL, "One mask per sample.")),
            Volumes.class);

    @Autowired
    private RequestReader reader;

    @Test
    void aRankFiveInputReadsTheSameFromJsonStreamedFromJsonWholeAndFromNpz() throws IOException {
        byte[] json = ("{\"volumes\": " + nested(new int[] {2, 3, 2, 3, 4}, 0, new int[] {0})
                        + ", \"labels\": [0, 2], \"sampleWeights\": [1.0, 0.5]}")
                .getBytes(StandardCharsets.UTF_8);

        Volumes streamed = reader.readEmbedded(json, Volumes.class);
        Volumes whole = reader.read(post(json, "application/json"), Volumes.class);
        Volumes archived = reader.readNpz(post(fixture(), "application/x-npz"), Volumes.class);

        for (Volumes read : List.of(streamed, whole, archived)) {
            assertThat(read.volumes().shape()).containsExactly(2, 3, 2, 3, 4);
            assertThat(read.volumes().data()[1]).isEqualTo(0.25);
            assertThat(read.volumes().data()[143]).isEqualTo(35.75);
            assertThat(read.labels()).containsExactly(0, 2);
            DECLARED.check(read);
        }
        assertThat(archived.volumes().data()).containsExactly(streamed.volumes().data());
        assertThat(whole.volumes().data()).containsExactly(streamed.volumes().data());
        assertThat(streamed.volumes().path("volumes", 143)).isEqualTo("volumes[1][2][1][2][3]");
    }

    @Test
    void theSampleWeightsOfARequestWeighItsReduction() throws IOException {
        Volumes read = reader.readNpz(post(fixture(), "application/x-npz"), Volumes.class);
        Forward forward = read.forward();
        Evaluation evaluation = Evaluation.of(forward, read.reduction(forward), true, false, false);
        // Sample 0 sums 0/4 .. 71/4, sample 1 sums 72/4 .. 143/4; the weights 1 and 0.5 sum to 1.5.
        double first = 71 * 72 / 2 / 4.0;
        double second = (143 * 144 / 2 - 71 * 72 / 2) / 4.0;
        assertThat(evaluation.value()).isEqualTo((first + 0.5 * second) / 1.5);
        double[] gradient = evaluation.gradients().asMap().get("volumes").data();
        assertThat(gradient[0]).isEqualTo(1 / 1.5);
        assertThat(gradient[100]).isEqualTo(0.5 / 1.5);
    }

    @Test
    void theDeclaredAxesMustAgreeAcrossInputs() {
        Tensor volumes = Tensor.of(new int[] {2, 3, 2, 3, 4}, new double[144]);
        assertThat(violations(new Volumes(volumes, new int[] {0, 1, 2}, null, null, null)))
                .containsExactly(
                        new Violation("labels", "has 3 entries, but volumes has 2 rows; both are N, the batch size"));
        assertThat(violations(new Volumes(
                        volumes, new int[] {0, 1}, null, Tensor.of(new int[] {2, 2, 3, 5}, new double[60]), null)))
                .containsExactly(new Violation(
                        "masks", "has 5 columns, but volumes has 4 columns; both are S3, a spatial axis"));
        assertThat(violations(new Volumes(
                        volumes, new int[] {0, 1}, null, Tensor.of(new int[] {2, 2, 3}, new double[12]), null)))
                .as("a mask of two spatial axes where the volumes have three")
                .isEmpty();
        assertThat(violations(
                        new Volumes(Tensor.of(new int[] {2, 3}, new double[6]), new int[] {0, 1}, null, null, null)))
                .containsExactly(
                        new Violation("volumes", "must be [N x C x S1 .. Sk] (k <= 3), got an array of shape [2, 3]"));
        assertThat(violations(new Volumes(null, new int[] {0, 1}, null, null, null)))
                .containsExactly(new Violation("volumes", "is required"));
    }

    private static List<Violation> violations(Volumes request) {
        try {
            DECLARED.check(request);
            return List.of();
        } catch (InvalidInputException invalid) {
            return invalid.violations();
        }
    }

    @Test
    void aDeclarationTheRecordCannotHoldFailsWhenItIsMade() {
        assertThatThrownBy(() -> DeclaredInputs.of(
                        List.of(InputSpec.numbers("labels", Shape.of("N", "C"), Requirement.REQUIRED, "")),
                        Volumes.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels is a int[], which cannot hold NUMBER [N x C]");
    }

    /** The JSON of an array of that shape holding 0, 1/4, 2/4, ... in row-major order. */
    private static String nested(int[] shape, int axis, int[] next) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < shape[axis]; i++) {
            json.append(i == 0 ? "" : ", ");
            json.append(axis == shape.length - 1 ? String.valueOf(next[0]++ / 4.0) : nested(shape, axis + 1, next));
        }
        return json.append(']').toString();
    }

    private static MockHttpServletRequest post(byte[] body, String contentType) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/losses/volumes");
        request.setContentType(contentType);
        request.setContent(body);
        return request;
    }

    private static byte[] fixture() throws IOException {
        try (InputStream in = DeclaredTensorInputTest.class.getResourceAsStream("/npz/rank5_volumes.npz")) {
            return in.readAllBytes();
        }
    }
}
