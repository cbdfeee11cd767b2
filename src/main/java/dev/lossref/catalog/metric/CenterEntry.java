package dev.lossref.catalog.metric;

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
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.metric.CenterLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Center loss. */
@Component
class CenterEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("center", Family.METRIC_LEARNING, 10)
            .title("Center loss")
            .summary("Softmax cross-entropy separates classes but leaves each class spread out. Center loss keeps a "
                    + "center c_j per class and penalises the squared distance of each embedding to its class center, "
                    + "making classes compact; trained jointly with softmax (which keeps the centers apart) it gives "
                    + "discriminative features for face recognition. The centers cannot be computed over the whole "
                    + "training set at every step, so Wen et al. update them per mini-batch: each center moves towards "
                    + "the mean of its samples at rate alpha, with a 1 + n_j denominator so that classes with few "
                    + "samples move cautiously. This service is stateless: send the centers with every request and "
                    + "take updatedCenters back.")
            .formula("\\ell_i = \\frac{\\lambda}{2}\\lVert x_i - c_{y_i}\\rVert^2 \\;[+\\ \\mathrm{CE}(z_i, "
                    + "y_i)];\\quad c_j \\leftarrow c_j - \\alpha\\,\\Delta c_j,\\ \\Delta c_j = \\frac{\\sum_{i} [y_i "
                    + "= j](c_j - x_i)}{1 + \\sum_i [y_i = j]}")
            .inputs(List.of(
                    InputSpec.numbers("embeddings", Shape.of("N", "d"), Requirement.REQUIRED, "The deep features x_i."),
                    InputSpec.integers(
                            "labels", Shape.of("N"), Requirement.REQUIRED, "The class y_i of each sample, in [0, C)."),
                    InputSpec.numbers(
                            "centers", Shape.of("C", "d"), Requirement.REQUIRED, "The current class centers c_j."),
                    InputSpec.numbers(
                            "logits",
                            Shape.of("N", "C"),
                            Requirement.OPTIONAL,
                            "Class scores for the joint loss: softmax cross-entropy is added to each sample's loss.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    CenterLoss.LAMBDA,
                                    "\\lambda",
                                    "The weight of the center term (relative to softmax in the joint loss).")
                            .withPaperValue("0.003 to 0.01 with alpha 0.5 (face recognition)"),
                    Hyperparameter.of(
                                    CenterLoss.ALPHA, "\\alpha", "The learning rate of the centers in updatedCenters.")
                            .withPaperValue("0.5"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec(
                            "perSample", "[N]", "lambda/2 ||x_i - c_{y_i}||^2, plus the cross-entropy of the logits"),
                    new OutputSpec("value", "number", "mean or sum of perSample"),
                    new OutputSpec("updatedCenters", "[C x d]", "c_j - alpha delta_j, Wen et al.'s center update"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings"),
                    new OutputSpec("gradients.centers", "[C x d]", "d value / d centers (the true gradient)"),
                    new OutputSpec("gradients.logits", "[N x C]", "d value / d logits (when sent)")))
            .conventions(List.of(
                    "gradients.centers is the true gradient of value, -lambda sum over the class's samples of (x_i - "
                            + "c_j) (times the reduction's 1/N); the paper does not descend it but moves the centers "
                            + "by its own rule, returned as updatedCenters, which does not depend on lambda.",
                    "Classes without a sample in the batch keep their center (delta_j = 0).",
                    "The joint loss uses plain softmax cross-entropy (no class weights, no smoothing); the mean "
                            + "divides by N."))
            .references(List.of(
                    new Reference(
                            "Y. Wen, K. Zhang, Z. Li, Y. Qiao, A Discriminative Feature Learning Approach for Deep "
                                    + "Face Recognition, ECCV 2016",
                            "https://doi.org/10.1007/978-3-319-46478-7_31"),
                    new Reference(
                            "pytorch-metric-learning, CentroidTripletLoss and center-loss discussions",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/")))
            .examples(List.of(new Example("center term", """
                    {"embeddings": [[1.0, 0.5], [0.8, 0.9], [-1.0, 0.2]], "labels": [0, 0, 1], \
                    "centers": [[0.7, 0.6], [-0.9, 0.0]], "lambda": 1.0, "alpha": 0.5}\
                    """), new Example("joint with softmax", """
                    {"embeddings": [[1.0, 0.5], [0.8, 0.9], [-1.0, 0.2]], "labels": [0, 0, 1], \
                    "centers": [[0.7, 0.6], [-0.9, 0.0]], "logits": [[2.0, -1.0], [1.5, 0.2], [-0.3, 0.8]], \
                    "lambda": 0.01}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "an embedding exactly at its center",
                    "distance 0: the loss and its gradient are 0 there",
                    random -> {
                        double[][] c = EdgeRegion.gaussianMatrix(random, 2, 2, 1);
                        return Curves.fields(
                                "embeddings",
                                new double[][] {c[0].clone(), EdgeRegion.gaussianVector(random, 2, 1)},
                                "labels",
                                new int[] {0, 1},
                                "centers",
                                c);
                    })))
            .build();

    private static final Curve CURVE = Curve.of(
            "distance",
            "distance to the class center, ||x - c_y||",
            0,
            3,
            CurveSeries.alongInput(
                    "loss",
                    "embeddings",
                    x -> Curves.fields(
                            "embeddings",
                            Curves.column(x),
                            "centers",
                            new double[][] {{0}},
                            "labels",
                            new int[x.length])));

    CenterEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/center}. */
    public record Request(
            Matrix embeddings,
            int[] labels,
            Matrix centers,
            Matrix logits,
            Double lambda,
            Double alpha,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {

        @Override
        public Forward forward() {
            return new CenterLoss(CenterLoss.LAMBDA.valueOr(lambda), CenterLoss.ALPHA.valueOr(alpha))
                    .forward(embeddings, labels, centers, logits);
        }
    }
}
