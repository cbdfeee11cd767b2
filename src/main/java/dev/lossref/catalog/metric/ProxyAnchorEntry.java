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
import dev.lossref.core.metric.ProxyAnchorLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Proxy-Anchor. */
@Component
class ProxyAnchorEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("proxy-anchor", Family.METRIC_LEARNING, 110)
            .title("Proxy-Anchor loss")
            .summary("Proxy-based losses (ProxyNCA) converge fast but only relate each sample to the proxies; "
                    + "pair-based losses relate samples to each other but need mining. Proxy-Anchor takes each proxy "
                    + "as an anchor and relates it to all samples of the batch at once: it pulls its class's samples "
                    + "and pushes the others, each weighted by a softmax over the batch, so that hard samples get most "
                    + "of the gradient (Kim et al. 2020). The value is pytorch-metric-learning's ProxyAnchorLoss with "
                    + "the proxies sent in the request.")
            .formula("\\ell = \\frac{1}{|P^+|}\\sum_{c \\in P^+} \\log\\Big(1 + \\sum_{i: y_i = c} e^{-\\alpha (s_{ic} "
                    + "- \\delta)}\\Big) + \\frac{1}{C}\\sum_{c} \\log\\Big(1 + \\sum_{i: y_i \\ne c} e^{\\alpha "
                    + "(s_{ic} + \\delta)}\\Big)")
            .inputs(List.of(
                    InputSpec.numbers(
                            "embeddings",
                            Shape.of("N", "d"),
                            Requirement.REQUIRED,
                            "The batch's embeddings, normalised by the loss. A zero row is 400."),
                    InputSpec.integers(
                            "labels", Shape.of("N"), Requirement.REQUIRED, "The class of each sample, in [0, C)."),
                    InputSpec.numbers(
                            "proxies",
                            Shape.of("C", "d"),
                            Requirement.REQUIRED,
                            "One proxy per class (a model-side input: its gradient is returned), normalised by the "
                                    + "loss.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(ProxyAnchorLoss.MARGIN, "\\delta", "The margin on the cosines.")
                            .withPaperValue("0.1 (Kim et al.)"),
                    Hyperparameter.of(ProxyAnchorLoss.ALPHA, "\\alpha", "The scale: how sharply hard samples dominate.")
                            .withPaperValue("32 (Kim et al.)"),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[C]", "per proxy: its positive part plus its negative part"),
                    new OutputSpec(
                            "value",
                            "number",
                            "mean: positive parts over |P+| (proxies with samples) plus negative parts over C (PML's "
                                    + "DivisorReducer); sum: the sum of perSample"),
                    new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings"),
                    new OutputSpec("gradients.proxies", "[C x d]", "d value / d proxies")))
            .conventions(List.of(
                    "The mean is not the plain mean of perSample: its two parts have their own divisors, as the "
                            + "paper's formula and PML's DivisorReducer (as weighted softmax-cross-entropy's mean is "
                            + "not a plain mean either).",
                    "A proxy without samples has a positive part of 0 and still pushes every sample away.",
                    "Each part is a softplus of a log-sum-exp: exact for any alpha; d pos_c / d s_ic = -alpha w_i and "
                            + "d neg_c / d s_ic = alpha w_i with w a sigmoid times a softmax.",
                    "labels -1 and labels >= C are 400."))
            .references(List.of(
                    new Reference(
                            "S. Kim, D. Kim, M. Cho, S. Kwak, Proxy Anchor Loss for Deep Metric Learning, CVPR 2020",
                            "https://arxiv.org/abs/2003.13911"),
                    new Reference(
                            "pytorch-metric-learning, ProxyAnchorLoss",
                            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#proxyanchorloss")))
            .examples(List.of(new Example("three classes, one without samples", """
                    {"embeddings": [[1.0, 0.1], [0.9, 0.3], [-0.2, 1.0], [0.1, 0.8]], "labels": [0, 0, 1, 1], \
                    "proxies": [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]], "margin": 0.1, "alpha": 32}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "a proxy without samples",
                    "its positive part is 0 and |P+| excludes it; its negative part still counts over C",
                    random -> Curves.fields(
                            "embeddings",
                            EdgeRegion.gaussianMatrix(random, 3, 2, 1),
                            "labels",
                            new int[] {0, 0, 1},
                            "proxies",
                            EdgeRegion.gaussianMatrix(random, 3, 2, 1)))))
            .build();

    /**
     * One sample (cos theta, sin theta, 0) at angle theta to its own proxy (1, 0, 0), the other proxy (0, 0, 1) at a
     * right angle to it whatever theta, so that the curve rises with theta alone; each point is a batch of
     * its own, since the loss is per proxy; the derivative is through the sample's angle.
     */
    private static final Curve CURVE = Curve.of(
            "theta",
            "angle between the sample and its own proxy, theta (radians); the other proxy at a right angle",
            0,
            Math.PI,
            CurveSeries.batchPerPoint(
                    "proxy-anchor, mean",
                    (theta, parameters) -> Curves.fields(
                            "embeddings",
                            new double[][] {Curves.atAngle(theta)},
                            "labels",
                            new int[] {0},
                            "proxies",
                            Curves.twoClassesAtARightAngle()),
                    (i, theta, gradients, parameters) -> Curves.alongTheAngle(
                            theta, gradients.get("embeddings").data(), 0)));

    ProxyAnchorEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/proxy-anchor}. */
    public record Request(
            Matrix embeddings,
            int[] labels,
            Matrix proxies,
            Double margin,
            Double alpha,
            ReductionMode reduction,
            Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return new ProxyAnchorLoss(ProxyAnchorLoss.MARGIN.valueOr(margin), ProxyAnchorLoss.ALPHA.valueOr(alpha))
                    .forward(embeddings, labels, proxies, limits);
        }
    }
}
