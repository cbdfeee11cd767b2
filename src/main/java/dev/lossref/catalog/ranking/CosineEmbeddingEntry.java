package dev.lossref.catalog.ranking;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.CurveSeries;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.LossRequest;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import dev.lossref.core.Forward;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.ranking.CosineEmbedding;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Cosine embedding loss. */
@Component
class CosineEmbeddingEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("cosine-embedding", Family.RANKING, 30)
            .title("Cosine embedding loss")
            .summary("Learning embeddings whose cosine says whether two inputs match: a similar pair (y = 1) costs 1 - "
                    + "cos, a dissimilar pair (y = -1) costs its cosine above the margin. Only directions matter, not "
                    + "lengths, which suits text and face embeddings compared by cosine similarity. PyTorch's "
                    + "cosine_embedding_loss, whose cosine adds a tiny eps to the squared norms so that a zero vector "
                    + "gives 0, not NaN.")
            .formula("\\ell_i = \\begin{cases} 1 - \\cos_i & y_i = 1 \\\\ \\max(0,\\ \\cos_i - m) & y_i = -1 "
                    + "\\end{cases},\\quad \\cos_i = \\frac{a_i \\cdot b_i}{\\sqrt{(\\lVert a_i\\rVert^2 + "
                    + "\\varepsilon)(\\lVert b_i\\rVert^2 + \\varepsilon)}}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "first", Shape.of("N", "d"), Requirement.REQUIRED, "The first embedding a_i of each pair."),
                    InputSpec.numbers(
                            "second",
                            Shape.of("N", "d"),
                            Requirement.REQUIRED,
                            "The second embedding b_i of each pair."),
                    InputSpec.integers(
                            "labels",
                            Shape.of("N"),
                            Requirement.REQUIRED,
                            "1 for a similar pair, -1 for a dissimilar one.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                            CosineEmbedding.MARGIN,
                            "m",
                            "The cosine below which dissimilar pairs cost nothing; 0 to 0.5 is usual (PyTorch's "
                                    + "suggestion)."),
                    CommonParameters.hessians(
                            "the diagonal d^2 value / d a_k^2 and d^2 value / d b_k^2 (see the conventions)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "1 - cos for y = 1, max(0, cos - m) for y = -1"),
                    new OutputSpec("value", "number", "mean or sum of perSample"),
                    new OutputSpec("gradients.first", "[N x d]", "d value / d a"),
                    new OutputSpec("gradients.second", "[N x d]", "d value / d b"),
                    new OutputSpec("hessians.first", "[N x d]", "with hessians: the diagonal d^2 value / d a_k^2"),
                    new OutputSpec("hessians.second", "[N x d]", "with hessians: the diagonal d^2 value / d b_k^2")))
            .conventions(List.of(
                    "PyTorch's cosine: a . b / sqrt((|a|^2 + eps)(|b|^2 + eps)) with eps = 1e-12 as a float32 constant "
                            + "(9.999999960041972e-13); a zero vector has cosine 0.",
                    "At cos = m (y = -1) the gradient passes, as PyTorch's clamp.",
                    "Second derivatives, with A = |a|^2 + eps, D = sqrt(A B): d^2 cos / d a_k^2 = -2 a_k b_k / (D A) + "
                            + "3 cos a_k^2 / A^2 - cos / A, and likewise for b; the loss's are -that for y = 1, +that "
                            + "for an active y = -1 pair, 0 otherwise.",
                    "Labels must be -1 or +1; rows must not be empty (400)."))
            .references(List.of(new Reference(
                    "PyTorch documentation, torch.nn.CosineEmbeddingLoss",
                    "https://pytorch.org/docs/stable/generated/torch.nn.CosineEmbeddingLoss.html")))
            .examples(List.of(new Example("pairs", """
                    {"first": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "second": [[0.9, 0.4, 0.0], [0.2, 1.1, -0.5]], \
                    "labels": [1, -1]}"""), new Example("margin 0.2, a zero vector, hessians", """
                    {"first": [[1.0, 0.5, -0.2], [0.0, 0.0, 0.0], [0.3, 0.2, 0.1]], "second": [[0.9, 0.4, 0.0], [0.2, \
                    1.1, -0.5], [0.3, 0.25, 0.05]], "labels": [1, 1, -1], "margin": 0.2, "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "dissimilar pairs exactly at the margin",
                    "cos = 0 = margin: the clamp's subgradient passes there, as PyTorch's",
                    random -> {
                        double a = 1 + Math.abs(EdgeRegion.gaussian(random));
                        return Curves.fields(
                                "first",
                                new double[][] {{a, 0}, {0, 2}},
                                "second",
                                new double[][] {{0, 3}, {a, 0}},
                                "labels",
                                new int[] {-1, -1});
                    })))
            .build();

    /** Unit vectors (cos theta, sin theta) against (1, 0): the cosine of the pair is cos theta. */
    private static Map<String, Object> pair(double[] theta, int label) {
        double[][] first = new double[theta.length][];
        double[][] second = new double[theta.length][];
        for (int i = 0; i < theta.length; i++) {
            first[i] = new double[] {Math.cos(theta[i]), Math.sin(theta[i])};
            second[i] = new double[] {1, 0};
        }
        return Curves.fields("first", first, "second", second, "labels", Curves.filled(theta.length, label));
    }

    /** d loss / d theta by the chain rule through the first vector (cos theta, sin theta). */
    private static double alongAngle(
            int i, double theta, Map<String, Tensor> gradients, Map<String, Object> parameters) {
        double[] g = gradients.get("first").data();
        return -Math.sin(theta) * g[2 * i] + Math.cos(theta) * g[2 * i + 1];
    }

    private static final Curve CURVE = Curve.of(
            "theta",
            "angle between the pair, theta (radians)",
            0,
            Math.PI,
            CurveSeries.of("similar pairs (y = 1)", (x, parameters) -> pair(x, 1), CosineEmbeddingEntry::alongAngle),
            CurveSeries.of(
                    "dissimilar pairs (y = -1)", (x, parameters) -> pair(x, -1), CosineEmbeddingEntry::alongAngle));

    CosineEmbeddingEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/cosine-embedding}. */
    public record Request(
            dev.lossref.core.Matrix first,
            dev.lossref.core.Matrix second,
            int[] labels,
            Double margin,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new CosineEmbedding(CosineEmbedding.MARGIN.valueOr(margin)).forward(first, second, labels);
        }
    }
}
