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
import dev.lossref.core.angular.AngularSoftmax;
import java.util.List;
import org.springframework.stereotype.Component;

/** A-Softmax, SphereFace. */
@Component
class AngularSoftmaxEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "angular-softmax", Family.ANGULAR_MARGIN, 20)
            .title("A-Softmax (SphereFace)")
            .summary("SphereFace takes L-Softmax to the hypersphere: the class weights are normalised (||W_j|| = 1) "
                    + "and the bias dropped, so the logits are ||x|| cos theta_j and the decision depends on angles "
                    + "only (the 'modified softmax'). The target's angle is then multiplied by m through psi, which "
                    + "gives a margin measured on the hypersphere: features of one identity gather in a narrow cone "
                    + "around their class weight. This made open-set face recognition, where test identities are "
                    + "unseen, work far better with plain softmax-style training. The embedding length ||x|| is kept "
                    + "(it is normalised away only by the later NormFace, CosFace and ArcFace).")
            .formula(
                    "\\ell_i = -\\log \\frac{e^{\\lVert x_i\\rVert \\tilde\\psi(\\theta_{y_i})}}{e^{\\lVert x_i\\rVert "
                            + "\\tilde\\psi(\\theta_{y_i})} + \\sum_{j \\ne y_i} e^{\\lVert x_i\\rVert "
                            + "\\cos\\theta_{j}}},\\quad \\cos\\theta_j = \\frac{W_j^\\top x_i}{\\lVert W_j\\rVert "
                            + "\\lVert x_i\\rVert},\\quad \\tilde\\psi = \\frac{\\lambda \\cos\\theta + "
                            + "\\psi(\\theta)}{1 + \\lambda},\\quad \\psi(\\theta) = (-1)^k \\cos(m\\theta) - 2k,\\ k "
                            + "\\in [0, m-1]")
            .inputs(AngularSpecs.inputs(false))
            .hyperparameters(List.of(
                    AngularSpecs.integerMargin(),
                    AngularSpecs.lambda("annealed from 1000 down to a minimum of 5 in the SphereFace code"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(AngularSpecs.outputs(false))
            .conventions(List.of(
                    AngularSpecs.psiConvention(),
                    "The weights are normalised inside the loss: send them as they are; their gradient is the true "
                            + "gradient with respect to the unnormalised rows.",
                    "With margin 1 and lambda 0 the loss is the paper's modified softmax: softmax cross-entropy on "
                            + "||x|| cos theta_j.",
                    AngularSpecs.commonConventions(),
                    AngularSpecs.GEOMETRY))
            .references(List.of(AngularSpecs.SPHEREFACE, AngularSpecs.L_SOFTMAX, AngularSpecs.METRIC_LEARNING))
            .examples(List.of(new Example("margin 4, lambda 5", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [-0.2, 0.8, \
                    0.4], \
                    [0.1, -0.5, 1.1]], "labels": [0, 2], "margin": 4, \
                    "lambda": 5.0}"""), new Example("margin 3, full margin", """
                    {"embeddings": [[1.0, 0.5, -0.2], [0.3, -1.0, 0.8]], "weights": [[0.9, 0.1, 0.0], [-0.2, 0.8, \
                    0.4], \
                    [0.1, -0.5, 1.1]], "labels": [0, 2], "margin": 3, "lambda": 0}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "theta near pi",
                    "the last segment of psi (k = m - 1), with normalised weights",
                    random -> Curves.fields(
                            "embeddings",
                            new double[][] {{-1.0, 0.02 + 0.01 * Math.abs(EdgeRegion.gaussian(random))}},
                            "weights",
                            new double[][] {{1, 0}, {0, 1}},
                            "labels",
                            new int[] {0}))))
            .build();

    private static final Curve CURVE = Curves.angle("weights", java.util.Map.of());

    AngularSoftmaxEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/angular-softmax}: embeddings and weights only. */
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
                    AngularSoftmax.head(AngularSoftmax.MARGIN.valueOr(margin), AngularSoftmax.LAMBDA.valueOr(lambda)),
                    embeddings,
                    weights,
                    null,
                    labels);
        }
    }
}
