package dev.lossref.catalog.angular;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
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
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.angular.CocoLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** COCO loss. */
@Component
class CocoEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("coco", Family.ANGULAR_MARGIN, 60)
            .title("COCO loss (congenerous cosine)")
            .summary("COCO combines the two ideas that precede it: like center loss it keeps a center per class, and "
                    + "like NormFace it compares by cosine on a hypersphere. Each feature is normalised and scaled to "
                    + "length alpha, each center normalised, and softmax cross-entropy is taken over the cosine "
                    + "logits: a feature is pulled towards its own center and pushed from the others at once, in a "
                    + "single differentiable objective (unlike center loss, whose centers follow a separate update "
                    + "rule). Computationally it is the NormFace head with the centers in place of the class weights, "
                    + "and it shares that code here.")
            .formula("\\ell_i = -\\log \\frac{e^{\\hat c_{y_i}^\\top \\hat f_i}}{\\sum_k e^{\\hat c_k^\\top \\hat "
                    + "f_i}},\\quad \\hat f_i = \\frac{\\alpha x_i}{\\lVert x_i\\rVert},\\quad \\hat c_k = "
                    + "\\frac{c_k}{\\lVert c_k\\rVert}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "embeddings",
                            Shape.of("N", "d"),
                            Requirement.REQUIRED,
                            "The features x_i. A zero-length row is refused."),
                    InputSpec.numbers(
                            "centers",
                            Shape.of("C", "d"),
                            Requirement.REQUIRED,
                            "The class centers c_k. A zero-length row is refused."),
                    InputSpec.integers(
                            "labels", Shape.of("N"), Requirement.REQUIRED, "The class y_i of each sample, in [0, C).")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    CocoLoss.ALPHA,
                                    "\\alpha",
                                    "The length the features are scaled to: the logits are alpha times cosines.")
                            .withPaperValue("6.25 (from the paper's bound for its number of classes)"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "-log softmax_k(c_hat_k . f_hat_i) at k = y_i"),
                    new OutputSpec("value", "number", "mean or sum of perSample"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings"),
                    new OutputSpec("gradients.centers", "[C x d]", "d value / d centers"),
                    AngularSpecs.TARGET_LOGITS))
            .conventions(List.of(
                    "Both normalisations are differentiated (the gradients are with respect to the unnormalised rows).",
                    "Equal to NormFace with scale alpha and the centers as the class weights."))
            .references(List.of(
                    new Reference(
                            "Y. Liu, H. Li, X. Wang, Rethinking Feature Discrimination and Polymerization for "
                                    + "Large-scale Recognition (COCO loss), NIPS 2017 Deep Learning Workshop",
                            "https://arxiv.org/abs/1710.00870"),
                    AngularSpecs.NORMFACE))
            .examples(List.of(new Example("embeddings and centers", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "centers": [[0.9, 0.1, 0.0], \
                    [-0.2, 0.8, 0.4], [0.1, -0.5, 1.1]], "labels": [0, 2], "alpha": 6.25}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "embeddings on their center's direction",
                    "theta = 0 to the own center: cos theta = 1 up to rounding; the gradient stays finite",
                    random -> {
                        double[][] c = EdgeRegion.gaussianMatrix(random, 2, 3, 1);
                        double k = 1 + Math.abs(EdgeRegion.gaussian(random));
                        return Curves.fields(
                                "embeddings",
                                new double[][] {{k * c[0][0], k * c[0][1], k * c[0][2]}},
                                "centers",
                                c,
                                "labels",
                                new int[] {0});
                    })))
            .build();

    private static final Curve CURVE = Curves.angle("centers", java.util.Map.of());

    CocoEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/coco}. */
    public record Request(
            Matrix embeddings, Matrix centers, int[] labels, Double alpha, ReductionMode reduction, Boolean gradients)
            implements LossRequest {

        @Override
        public Forward forward() {
            return new CocoLoss(CocoLoss.ALPHA.valueOr(alpha)).forward(embeddings, centers, labels);
        }
    }
}
