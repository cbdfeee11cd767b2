package dev.lossref.catalog.classification;

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
import dev.lossref.core.classification.NegativeLogLikelihood;
import java.util.List;
import org.springframework.stereotype.Component;

/** Negative log-likelihood. */
@Component
class NegativeLogLikelihoodEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "negative-log-likelihood", Family.CLASSIFICATION, 30)
            .title("Negative log-likelihood")
            .summary("The loss of a classifier whose last layer already gives log-probabilities (a log_softmax): the "
                    + "negative log-probability of each sample's class, weighted by its class. Softmax cross-entropy "
                    + "is log_softmax followed by this loss; PyTorch's nll_loss. Samples whose label is the ignore "
                    + "index (padding in sequence models) are left out of the loss and of the mean.")
            .formula("\\ell_i = -w_{y_i}\\, x_{i, y_i} \\ (0 \\text{ where } y_i = \\text{ignoreIndex}),\\quad "
                    + "\\text{mean} = \\frac{\\sum_i \\ell_i}{\\sum_{i:\\, y_i \\ne \\text{ignoreIndex}} w_{y_i}}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "logProbabilities",
                            Shape.of("N", "C"),
                            Requirement.REQUIRED,
                            "log p_ic, e.g. from a log_softmax (not checked to be normalised, as PyTorch)."),
                    InputSpec.integers(
                            "labels",
                            Shape.of("N"),
                            Requirement.REQUIRED,
                            "The class y_i in [0, C), or the ignoreIndex."),
                    InputSpec.numbers(
                            "classWeights", Shape.of("C"), Requirement.OPTIONAL, "w_c >= 0 (default all 1).")))
            .hyperparameters(List.of(
                    Hyperparameter.optionalInteger(
                            "ignoreIndex",
                            "A label value whose samples are left out (PyTorch's ignore_index; absent: none)."),
                    CommonParameters.hessians("0 for every entry (the loss is linear in the log-probabilities)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "-w_y x_iy, 0 for an ignored sample"),
                    new OutputSpec(
                            "value",
                            "number",
                            "the weighted mean (divided by the weights of the samples not ignored) or the sum"),
                    new OutputSpec(
                            "gradients.logProbabilities", "[N x C]", "-coefficient w_y at (i, y_i), 0 elsewhere"),
                    new OutputSpec("hessians.logProbabilities", "[N x C]", "with hessians: 0")))
            .conventions(List.of(
                    "The mean divides by the sum of w_{y_i} over the samples not ignored, as PyTorch; when that sum is "
                            + "0 (every sample ignored, or zero weights) the mean is undefined and the request is "
                            + "refused (400 naming labels); the sum is 0 then.",
                    "Labels must be classes in [0, C) or equal to ignoreIndex (400 naming the label)."))
            .references(List.of(new Reference(
                    "PyTorch documentation, torch.nn.NLLLoss",
                    "https://pytorch.org/docs/stable/generated/torch.nn.NLLLoss.html")))
            .examples(List.of(
                    new Example("labels", """
                    {"logProbabilities": [[-0.3, -1.5, -2.9], [-2.0, -0.2, -3.1]], "labels": [0, 1]}"""),
                    new Example("class weights and an ignored sample", """
                    {"logProbabilities": [[-0.3, -1.5, -2.9], [-2.0, -0.2, -3.1], [-1.1, -1.1, -1.1]], "labels": [0, \
                    2, -1], "classWeights": [1.0, 2.0, 0.5], "ignoreIndex": -1}"""),
                    new Example("hessians, sum", """
                    {"logProbabilities": [[-0.3, -1.5], [-2.0, -0.2]], "labels": [0, 0], "reduction": "sum", \
                    "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "log-probabilities of -1e3",
                    "the loss is read off directly; no exponential is formed",
                    random -> Curves.fields(
                            "logProbabilities",
                            new double[][] {
                                {-1000 * Math.abs(EdgeRegion.gaussian(random)), -1e-3, -7.0}, {-2.0, -500.0, -0.2}
                            },
                            "labels",
                            new int[] {0, 1}))))
            .build();

    private static final Curve CURVE = Curve.of(
            "log p_y",
            "log-probability of the true class",
            -5,
            0,
            CurveSeries.of(
                    "loss",
                    (x, parameters) -> {
                        double[][] rows = new double[x.length][];
                        for (int i = 0; i < x.length; i++) {
                            rows[i] = new double[] {x[i], 0};
                        }
                        return Curves.fields("logProbabilities", rows, "labels", new int[x.length]);
                    },
                    (i, x, gradients, parameters) ->
                            gradients.get("logProbabilities").data()[2 * i],
                    (i, x, hessians, parameters) ->
                            hessians.get("logProbabilities").data()[2 * i]));

    NegativeLogLikelihoodEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/negative-log-likelihood}. */
    public record Request(
            Matrix logProbabilities,
            int[] labels,
            double[] classWeights,
            Integer ignoreIndex,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new NegativeLogLikelihood(classWeights, ignoreIndex).withLabels(logProbabilities, labels);
        }
    }
}
