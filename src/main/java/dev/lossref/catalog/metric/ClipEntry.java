package dev.lossref.catalog.metric;

import dev.lossref.catalog.BoundedLossRequest;
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
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.metric.ClipLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** CLIP's symmetric contrastive loss. */
@Component
class ClipEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("clip", Family.METRIC_LEARNING, 45)
            .title("CLIP's symmetric InfoNCE (contrastive language-image pre-training)")
            .summary("Two encoders, one for images and one for texts, are trained so that matching pairs have the "
                    + "highest cosine similarity in the batch: the N x N matrix of similarities between the two sets, "
                    + "divided by a temperature, is read as N classifications along its rows (each image picks its "
                    + "caption) and N along its columns (each caption picks its image), and the two cross-entropies "
                    + "are averaged (Radford et al. 2021). The value is OpenCLIP's ClipLoss on normalised features "
                    + "with logit_scale = 1/t.")
            .formula("\\ell_i = \\tfrac12\\Big(-\\log\\frac{e^{L_{ii}}}{\\sum_j e^{L_{ij}}} - "
                    + "\\log\\frac{e^{L_{ii}}}{\\sum_j e^{L_{ji}}}\\Big),\\quad L_{ij} = \\frac{s(u_i, v_j)}{t}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "first",
                            Shape.of("N", "d"),
                            Requirement.REQUIRED,
                            "The first modality's embeddings (images): row i matches row i of second. Rows are "
                                    + "normalised."),
                    InputSpec.numbers(
                            "second",
                            Shape.of("N", "d"),
                            Requirement.REQUIRED,
                            "The second modality's embeddings (texts), same shape. No labels: the pairing is by row.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    ClipLoss.TEMPERATURE,
                                    "t",
                                    "Divides the cosines. A fixed hyperparameter here: CLIP learns logit_scale = 1/t "
                                            + "(clamped at 100) outside the loss, and no gradient for it is returned.")
                            .withPaperValue("0.07 at initialisation (CLIP)"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "the two cross-entropies of pair i, averaged"),
                    new OutputSpec(
                            "value", "number", "mean: (CE over rows + CE over columns) / 2, OpenCLIP's value; or sum"),
                    new OutputSpec("gradients.first", "[N x d]", "d value / d first"),
                    new OutputSpec("gradients.second", "[N x d]", "d value / d second")))
            .conventions(List.of(
                    "N = 1 gives perSample [0]: a pair with nothing to be told apart from.",
                    "dl/dL_ij summed over the batch = (softmax of row i at j + softmax of column j at i) / 2 - [i = "
                            + "j], then through the cosines and each row's normalisation.",
                    "labels is not an input (400): matching is by row index."))
            .references(List.of(
                    new Reference(
                            "A. Radford et al., Learning Transferable Visual Models From Natural Language Supervision, "
                                    + "ICML 2021",
                            "https://arxiv.org/abs/2103.00020"),
                    new Reference(
                            "OpenCLIP, ClipLoss (src/open_clip/loss.py)",
                            "https://github.com/mlfoundations/open_clip")))
            .examples(List.of(new Example("three image-text pairs", """
                    {"first": [[1.0, 0.2, 0.0], [0.0, 1.0, 0.3], [0.2, 0.1, 1.0]], \
                    "second": [[0.9, 0.1, 0.2], [0.1, 0.8, 0.0], [0.0, 0.3, 0.9]], "temperature": 0.07}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "one pair",
                    "nothing to tell apart: perSample [0] and zero gradients",
                    random -> Curves.fields(
                            "first",
                            EdgeRegion.gaussianMatrix(random, 1, 3, 1),
                            "second",
                            EdgeRegion.gaussianMatrix(random, 1, 3, 1)))))
            .build();

    /**
     * Two pairs: first = (e1, e3), second = (p at cosine x from e1, e3); the cross-similarities are 0.
     * The derivative is through the second set's first row.
     */
    private static final Curve CURVE = Curve.of(
            "matched similarity",
            "cosine s(first_0, second_0) of a matched pair; a second pair orthogonal to it",
            -0.99,
            0.99,
            CurveSeries.batchPerPoint(
                    "CLIP, mean over the two pairs",
                    (x, parameters) ->
                            Curves.fields("first", new double[][] {{1, 0, 0}, {0, 0, 1}}, "second", new double[][] {
                                PairCurves.positive(x), {0, 0, 1}
                            }),
                    (i, x, gradients, parameters) -> PairCurves.alongPositive(x, gradients.get("second"), 0)));

    ClipEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/clip}. */
    public record Request(Matrix first, Matrix second, Double temperature, ReductionMode reduction, Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return new ClipLoss(ClipLoss.TEMPERATURE.valueOr(temperature)).forward(first, second, limits);
        }
    }
}
