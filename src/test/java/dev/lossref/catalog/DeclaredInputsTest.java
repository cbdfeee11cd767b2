package dev.lossref.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lossref.core.FlagParameter;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Matrix;
import dev.lossref.core.Tensor;
import dev.lossref.core.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The presence and shape rules of {@link DeclaredInputs}, on a request of its own. */
class DeclaredInputsTest {

    /** Scores, or a linear model, or probabilities; targets of the scores' shape; an option of the model. */
    record Request(
            Tensor scores,
            double[] probabilities,
            Matrix features,
            double[] weights,
            Double bias,
            Tensor targets,
            int[] groupSizes,
            Boolean newtonStep) {}

    private static final DeclaredInputs DECLARED = DeclaredInputs.of(
            List.of(
                    InputSpec.numbers(
                            "scores",
                            List.of(Shape.of("N"), Shape.of("N", "d")),
                            Requirement.oneOf("scores", "probabilities", "features"),
                            ""),
                    InputSpec.numbers(
                            "probabilities",
                            Shape.of("N"),
                            Requirement.oneOf("scores", "probabilities", "features"),
                            ""),
                    InputSpec.numbers(
                            "features",
                            Shape.of("N", "d"),
                            Requirement.oneOf("scores", "probabilities", "features"),
                            ""),
                    InputSpec.numbers("weights", Shape.of("d"), Requirement.requiredWith("features"), ""),
                    InputSpec.numbers("bias", Shape.scalar(), Requirement.onlyWith("features"), ""),
                    InputSpec.numbers(
                            "targets", List.of(Shape.like("scores"), Shape.of("N")), Requirement.REQUIRED, ""),
                    InputSpec.integers("groupSizes", Shape.of("Q"), Requirement.OPTIONAL, "")),
            Request.class);

    private static final DeclaredInputs WITH_OPTION = DeclaredInputs.of(
            new LossDescriptor(
                    "test",
                    Family.SCORES,
                    0,
                    "t",
                    "s",
                    "f",
                    List.of(
                            InputSpec.numbers("features", Shape.of("N", "d"), Requirement.OPTIONAL, ""),
                            InputSpec.numbers("weights", Shape.of("d"), Requirement.OPTIONAL, "")),
                    List.of(Hyperparameter.of(new FlagParameter("newtonStep", false), "")
                            .onlyWith("features")),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(new Example("e", "{}")),
                    List.of()),
            Request.class);

    private static final double[] N3 = {1, 2, 3};

    @Test
    void exactlyOneOfAGroupNamesTheFirstWhenNoneIsSentAndEverySentOneOtherwise() {
        assertThat(violations(new Request(null, null, null, null, null, vector(3), null, null)))
                .containsExactly(
                        new Violation("scores", "send either scores, probabilities or features (with weights)"));
        assertThat(violations(new Request(vector(3), N3, null, null, null, vector(3), null, null)))
                .extracting(Violation::field)
                .containsExactly("scores", "probabilities");
        assertThat(violations(new Request(vector(3), N3, null, null, null, vector(3), null, null))
                        .get(0)
                        .message())
                .isEqualTo("send either scores, probabilities or features (with weights), not both (scores and "
                        + "probabilities were sent)");
    }

    @Test
    void aFieldThatBelongsToAnotherIsNeededWithItAndRefusedWithoutIt() {
        Matrix features = new Matrix(3, 2, new double[6]);
        assertThat(violations(new Request(null, null, features, null, null, vector(3), null, null)))
                .containsExactly(new Violation("weights", "is required with features"));
        assertThat(violations(new Request(vector(3), null, null, new double[] {1, 2}, 0.5, vector(3), null, null)))
                .containsExactly(
                        new Violation("weights", "applies only with features, which was not sent"),
                        new Violation("bias", "applies only with features, which was not sent"));
        assertThat(violations(new Request(null, null, features, new double[] {1, 2}, 0.5, vector(3), null, null)))
                .isEmpty();
    }

    @Test
    void aHyperparameterDeclaresItsRequirementToo() {
        assertThat(violationsOf(WITH_OPTION, new Request(null, null, null, null, null, null, null, true)))
                .containsExactly(new Violation("newtonStep", "applies only with features, which was not sent"));
        assertThat(violationsOf(
                        WITH_OPTION,
                        new Request(null, null, new Matrix(1, 1, new double[1]), null, null, null, null, true)))
                .isEmpty();
    }

    @Test
    void aRequiredFieldIsRequired() {
        assertThat(violations(new Request(vector(3), null, null, null, null, null, null, null)))
                .containsExactly(new Violation("targets", "is required"));
    }

    @Test
    void theAxesOfOneNameHaveOneLength() {
        Matrix features = new Matrix(3, 2, new double[6]);
        assertThat(violations(new Request(null, null, features, new double[3], null, vector(3), null, null)))
                .containsExactly(new Violation(
                        "weights", "has 3 entries, but features has 2 columns; both are d, the dimension"));
        assertThat(violations(new Request(null, null, features, new double[2], null, vector(4), null, null)))
                .containsExactly(
                        new Violation("targets", "has 4 entries, but features has 3 rows; both are N, the batch size"));
        // An axis no other input names (Q) binds nothing.
        assertThat(violations(new Request(null, null, features, new double[2], null, vector(3), new int[5], null)))
                .isEmpty();
    }

    @Test
    void anInputOfAnothersShapeHasExactlyThatShapeOrOneOfItsOwn() {
        Tensor scores = Tensor.of(new int[] {3, 2}, new double[6]);
        assertThat(violations(new Request(
                        scores, null, null, null, null, Tensor.of(new int[] {3, 2}, new double[6]), null, null)))
                .isEmpty();
        assertThat(violations(new Request(scores, null, null, null, null, vector(3), null, null)))
                .as("[N], the second alternative")
                .isEmpty();
        assertThat(violations(new Request(
                        scores, null, null, null, null, Tensor.of(new int[] {2, 3}, new double[6]), null, null)))
                .containsExactly(new Violation(
                        "targets", "has shape [2, 3] but scores has shape [3, 2]; it must have the shape of scores"));
        assertThat(violations(new Request(
                        scores, null, null, null, null, Tensor.of(new int[] {1, 3, 2}, new double[6]), null, null)))
                .containsExactly(new Violation(
                        "targets", "must be the shape of scores [3, 2] or [N], got an array of shape [1, 3, 2]"));
    }

    @Test
    void theCatalogStatesEachRequirement() {
        assertThat(Requirement.oneOf("a", "b").text()).isEqualTo("exactly one of a, b");
        assertThat(Requirement.requiredWith("features").text()).isEqualTo("required with features");
        assertThat(Requirement.onlyWith("logits", "features").text())
                .isEqualTo("optional, only with logits or features");
        assertThat(Shape.of("N", "C", Shape.SPATIAL).notation()).isEqualTo("[N x C x S1 .. Sk] (k <= 3)");
        assertThat(Shape.scalar().notation()).isEqualTo("number");
    }

    private static Tensor vector(int n) {
        return Tensor.vector(new double[n]);
    }

    private static List<Violation> violations(Request request) {
        return violationsOf(DECLARED, request);
    }

    private static List<Violation> violationsOf(DeclaredInputs declared, Request request) {
        try {
            declared.check(request);
            return List.of();
        } catch (InvalidInputException invalid) {
            return invalid.violations();
        }
    }
}
