package dev.lossref.catalog.metric;

import dev.lossref.catalog.AlternativeConvention;
import dev.lossref.catalog.BoundedLossRequest;
import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.metric.CircleLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Circle loss. */
@Component
class CircleEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("circle", Family.METRIC_LEARNING, 70)
            .title("Circle loss")
            .summary("Pair losses that optimise s_n - s_p treat every pair alike; circle loss weighs each similarity "
                    + "by how far it is from its optimum (1 + m for a positive, -m for a negative), so that a pair "
                    + "already close to its goal gets a small weight, and its decision boundary becomes a circle in "
                    + "the (s_n, s_p) plane. Sun et al. (2020) show that it unifies the pair-based and the class-based "
                    + "(softmax) losses. The value is pytorch-metric-learning's CircleLoss.")
            .formula("\\ell_a = \\log\\Big(1 + \\sum_{n \\in N(a)} e^{\\gamma \\alpha_n (s_{an} - \\Delta_n)} \\sum_{p "
                    + "\\in P(a)} e^{-\\gamma \\alpha_p (s_{ap} - \\Delta_p)}\\Big),\\quad \\alpha_p = [1 + m - "
                    + "s_{ap}]_+,\\ \\alpha_n = [s_{an} + m]_+,\\ \\Delta_p = 1 - m,\\ \\Delta_n = m")
            .inputs(MetricSpecs.labelledBatch(MetricSpecs.LABELS))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    CircleLoss.M,
                                    "m",
                                    "The relaxation margin: the optima are 1 + m (positive) and -m (negative), the "
                                            + "decision margins 1 - m and m.")
                            .withPaperValue(
                                    "0.25 (face recognition), 0.4 (fine-grained " + "retrieval; PML's default)"),
                    Hyperparameter.of(CircleLoss.GAMMA, "\\gamma", "The scale of the similarities.")
                            .withPaperValue("256 (faces), 80 (fine-grained; PML's default)"),
                    Hyperparameter.of(
                            CircleLoss.DETACH_WEIGHTS,
                            "Hold alpha_p and alpha_n constant in the backward pass, as the paper's code and "
                                    + "pytorch-metric-learning do (their gradient is 18 to 40 % away from the exact "
                                    + "one on random batches at the defaults). false (default): the exact derivative "
                                    + "of the value. The same choice as arcface's detachMargin."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec(
                            "perSample",
                            "[A]",
                            "the loss of every anchor with at least one positive and one negative, ascending"),
                    new OutputSpec("anchors", "[A]", "the index of each perSample entry"),
                    new OutputSpec("value", "number", "mean over those anchors (PML's AvgNonZeroReducer value) or sum"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings")))
            .conventions(List.of(
                    "The softplus is exact for any argument; PML's nn.Softplus() returns its argument above 20, up to "
                            + "2.1e-9 away.",
                    "Anchors are counted by labels: one with at least a positive and a negative. The argument of the "
                            + "softplus is at least -2 gamma m^2; where gamma m^2 > 372 the softplus can underflow to "
                            + "0 and PML drops that anchor from its mean; here it stays, with perSample 0.",
                    "Exact gradient: the exponent of a positive has slope -gamma (2 - 2 s_ap), of a negative gamma 2 "
                            + "s_an, 0 where the weight is clipped to 0. detachWeights: -gamma alpha_p and gamma "
                            + "alpha_n.",
                    "A batch without an anchor that has both gives value 0, empty perSample and zero gradients."))
            .references(List.of(
                    new Reference(
                            "Y. Sun et al., Circle Loss: A Unified Perspective of Pair Similarity Optimization, CVPR "
                                    + "2020",
                            "https://arxiv.org/abs/2002.10857"),
                    new Reference(
                            "pytorch-metric-learning, CircleLoss",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#circleloss")))
            .examples(List.of(
                    new Example("exact gradient", """
                    {"embeddings": [[1.0, 0.1], [0.9, 0.3], [-0.2, 1.0], [0.1, 0.8], [-1.0, -0.4]], \
                    "labels": [0, 0, 1, 1, 2], "m": 0.25, "gamma": 64}"""),
                    Example.withConventionalGradient("detached weights, as PML", """
                    {"embeddings": [[1.0, 0.1], [0.9, 0.3], [-0.2, 1.0], [0.1, 0.8], [-1.0, -0.4]], \
                    "labels": [0, 0, 1, 1, 2], "m": 0.25, "gamma": 64, "detachWeights": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "gamma m^2 above 372",
                    "the softplus of two anchors underflows to 0; they stay counted (PML drops them)",
                    random -> {
                        double k = 1 + Math.abs(EdgeRegion.gaussian(random));
                        return Curves.fields(
                                "embeddings",
                                new double[][] {{k, 0}, {1, 0}, {-0.4 * k, 0.9165 * k}, {-0.4, -0.9165}},
                                "labels",
                                new int[] {0, 0, 1, 1},
                                "m",
                                0.4,
                                "gamma",
                                5000);
                    })))
            .build();

    CircleEntry() {
        super(DESCRIPTOR, Request.class, PairCurves.positiveSimilarity("circle, mean over the anchors a and p"));
    }

    @Override
    public List<AlternativeConvention> alternativeConventions() {
        return List.of(AlternativeConvention.optionOn(
                "detachWeights",
                "circle loss with detached weights alpha_p and alpha_n (the paper's code, pytorch-metric-learning): "
                        + "detachWeights true"));
    }

    /** The body of {@code POST /losses/circle}. */
    public record Request(
            Matrix embeddings,
            int[] labels,
            Double m,
            Double gamma,
            Boolean detachWeights,
            ReductionMode reduction,
            Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return new CircleLoss(
                            CircleLoss.M.valueOr(m),
                            CircleLoss.GAMMA.valueOr(gamma),
                            CircleLoss.DETACH_WEIGHTS.valueOr(detachWeights))
                    .forward(embeddings, labels, limits);
        }
    }
}
