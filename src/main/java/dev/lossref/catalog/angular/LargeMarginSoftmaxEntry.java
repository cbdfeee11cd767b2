package dev.lossref.catalog.angular;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.LossRequest;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.angular.LargeMarginSoftmax;
import java.util.List;
import org.springframework.stereotype.Component;

/** L-Softmax. */
@Component
class LargeMarginSoftmaxEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "large-margin-softmax", Family.ANGULAR_MARGIN, 10)
            .title("L-Softmax (large-margin softmax)")
            .summary(
                    "Softmax cross-entropy trains features that are separable, but not necessarily discriminative: the "
                            + "classes may touch. L-Softmax writes the target logit as ||W_y|| ||x|| cos theta_y and "
                            + "asks for more: it replaces cos theta_y by psi(theta_y), which behaves like cos(m "
                            + "theta_y), so a sample is classified correctly only if its angle to its class weight is "
                            + "m times smaller than to any other. This carves an angular margin between classes and "
                            + "makes the learned features more compact within a class and farther apart between "
                            + "classes. The other logits stay W_j . x; lengths still matter (the paper's weights and "
                            + "features are not normalised). The denominator is exp(||W_y|| ||x|| psi(theta_y)) + sum "
                            + "over j != y of exp(||W_j|| ||x|| cos theta_j).")
            .formula("\\ell_i = -\\log \\frac{e^{\\lVert W_{y_i}\\rVert \\lVert x_i\\rVert "
                    + "\\tilde\\psi(\\theta_{y_i})}}{e^{\\lVert W_{y_i}\\rVert \\lVert x_i\\rVert "
                    + "\\tilde\\psi(\\theta_{y_i})} + \\sum_{j \\ne y_i} e^{W_j^\\top x_i}},\\quad "
                    + "\\tilde\\psi = \\frac{\\lambda \\cos\\theta + \\psi(\\theta)}{1 + \\lambda},\\quad "
                    + "\\psi(\\theta) = (-1)^k \\cos(m\\theta) - 2k,\\ \\theta \\in \\big[\\tfrac{k\\pi}{m}, "
                    + "\\tfrac{(k+1)\\pi}{m}\\big]")
            .inputs(AngularSpecs.inputs(false))
            .hyperparameters(List.of(
                    AngularSpecs.integerMargin(),
                    AngularSpecs.lambda(
                            "an annealed value, starting large (about 1000) and decreasing during training"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(AngularSpecs.outputs(false))
            .conventions(List.of(
                    AngularSpecs.psiConvention(),
                    "With margin 1 and lambda 0, psi(theta) = cos theta and the loss is softmax cross-entropy on the "
                            + "logits x W^T.",
                    "The gradient flows through ||x||, ||W_y|| and cos theta_y (via the normalisation's backward "
                            + "pass), exactly as autograd of the formula.",
                    AngularSpecs.commonConventions(),
                    AngularSpecs.GEOMETRY))
            .references(List.of(AngularSpecs.L_SOFTMAX, AngularSpecs.SPHEREFACE, AngularSpecs.METRIC_LEARNING))
            .examples(List.of(new Example("margin 2, lambda 1", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [-0.2, 0.8, \
                    0.4], \
                    [0.1, -0.5, 1.1]], "labels": [0, 2], "margin": 2, \
                    "lambda": 1.0}"""), new Example("margin 4, full margin", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [-0.2, 0.8, \
                    0.4], \
                    [0.1, -0.5, 1.1]], "labels": [0, 2], "margin": 4}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "theta near pi",
                    "the last segment of psi (k = m - 1), where cos(m theta) is evaluated as a Chebyshev polynomial",
                    random -> Curves.fields(
                            "embeddings",
                            new double[][] {{-1.0, 0.02 + 0.01 * Math.abs(EdgeRegion.gaussian(random))}},
                            "weights",
                            new double[][] {{1, 0}, {0, 1}},
                            "labels",
                            new int[] {0}))))
            .build();

    private static final Curve CURVE = Curves.angle("weights", java.util.Map.of());

    LargeMarginSoftmaxEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/large-margin-softmax}: embeddings and weights only. */
    public record Request(
            Matrix embeddings,
            Matrix weights,
            int[] labels,
            Integer margin,
            Double lambda,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {

        @Override
        public Forward forward() {
            return AngularInputs.forward(
                    LargeMarginSoftmax.head(
                            LargeMarginSoftmax.MARGIN.valueOr(margin), LargeMarginSoftmax.LAMBDA.valueOr(lambda)),
                    embeddings,
                    weights,
                    null,
                    labels);
        }
    }
}
