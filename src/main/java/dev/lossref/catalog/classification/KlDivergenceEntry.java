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
import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.classification.KlDivergence;
import java.util.List;
import org.springframework.stereotype.Component;

/** Kullback-Leibler divergence. */
@Component
class KlDivergenceEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("kl-divergence", Family.CLASSIFICATION, 40)
            .title("Kullback-Leibler divergence")
            .summary("How far a model distribution q is from a target distribution p, in nats: the expected extra code "
                    + "length when coding samples of p with a code built for q. It is the loss of knowledge "
                    + "distillation (p the teacher's softened probabilities), of variational inference and of "
                    + "label-distribution learning. The model gives log q (a log_softmax), the targets p (or log p). "
                    + "It is 0 exactly when q = p and never negative. PyTorch's kl_div, whose default reduction (mean "
                    + "over all N C elements) is not the divergence; batchmean, the default here, is.")
            .formula("\\ell_i = \\sum_j p_{ij} (\\log p_{ij} - x_{ij}),\\quad x = \\log q,\\quad 0 \\log 0 = 0;\\quad "
                    + "\\text{batchmean} = \\frac1N \\sum_i \\ell_i")
            .inputs(List.of(
                    InputSpec.numbers(
                            "logInputs",
                            Shape.of("N", "C"),
                            Requirement.REQUIRED,
                            "log q, the model's log-probabilities."),
                    InputSpec.numbers(
                            "targets", Shape.of("N", "C"), Requirement.REQUIRED, "p >= 0, or log p with logTarget.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                            KlDivergence.LOG_TARGET, "Whether targets are log-probabilities (PyTorch's log_target)."),
                    CommonParameters.hessians("0 for every entry (the loss is linear in log q)."),
                    Hyperparameter.of(
                            KlDivergence.REDUCTION,
                            "batchmean: the sum over all entries divided by N, the KL divergence averaged over samples "
                                    + "(the default); sum; mean: PyTorch's mean over all N C entries, which is not the "
                                    + "KL divergence (it divides by C once more)."),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "the divergence of each sample, sum_j p (log p - log q)"),
                    new OutputSpec("value", "number", "batchmean, sum or mean of the entries"),
                    new OutputSpec("gradients.logInputs", "[N x C]", "-coefficient p (-0 where p = 0, as PyTorch)"),
                    new OutputSpec("hessians.logInputs", "[N x C]", "with hessians: 0")))
            .conventions(List.of(
                    "0 log 0 = 0 (PyTorch's xlogy): a target of 0 contributes nothing, whatever log q is; its gradient "
                            + "is -p = -0.",
                    "Targets below 0 are refused (400 naming the entry); they need not sum to 1, as in " + "PyTorch.",
                    "Only logInputs has a gradient: the targets are data, as in PyTorch's kl_div (whose target "
                            + "gradient exists but is seldom wanted)."))
            .references(List.of(
                    new Reference(
                            "S. Kullback, R. A. Leibler, On Information and Sufficiency, Annals of Mathematical "
                                    + "Statistics 22(1), 1951",
                            "https://doi.org/10.1214/aoms/1177729694"),
                    new Reference(
                            "G. Hinton, O. Vinyals, J. Dean, Distilling the Knowledge in a Neural Network, " + "2015",
                            "https://arxiv.org/abs/1503.02531"),
                    new Reference(
                            "PyTorch documentation, torch.nn.KLDivLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.KLDivLoss.html")))
            .examples(List.of(
                    new Example("probabilities, batchmean", """
                    {"logInputs": [[-0.3, -1.5, -2.9], [-2.0, -0.2, -3.1]], "targets": [[0.7, 0.2, 0.1], [0.0, 0.9, \
                    0.1]]}"""),
                    new Example("log targets, sum", """
                    {"logInputs": [[-0.3, -1.5, -2.9]], "targets": [[-0.5, -1.2, -2.1]], "logTarget": true, \
                    "reduction": "sum"}"""),
                    new Example("PyTorch's mean over all entries, hessians", """
                    {"logInputs": [[-0.3, -1.5], [-2.0, -0.2]], "targets": [[0.5, 0.5], [0.1, 0.9]], \
                    "reduction": "mean", "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "targets with zeros",
                    "0 log 0 = 0: a zero target contributes nothing, and its log-input gets gradient 0",
                    random -> Curves.fields(
                            "logInputs",
                            new double[][] {
                                {-Math.abs(EdgeRegion.gaussian(random)), -1.2, -2.5},
                                {-0.1, -3.0, -Math.abs(EdgeRegion.gaussian(random)) - 1}
                            },
                            "targets",
                            new double[][] {{0.0, 0.6, 0.4}, {1.0, 0.0, 0.0}}))))
            .build();

    private static final Curve CURVE = Curve.of(
            "q",
            "model probability q of class 0 (target p = (0.3, 0.7))",
            0.01,
            0.99,
            CurveSeries.of(
                    "loss",
                    (x, parameters) -> {
                        double[][] logInputs = new double[x.length][];
                        double[][] targets = new double[x.length][];
                        for (int i = 0; i < x.length; i++) {
                            logInputs[i] = new double[] {Math.log(x[i]), Math.log1p(-x[i])};
                            targets[i] = new double[] {0.3, 0.7};
                        }
                        return Curves.fields("logInputs", logInputs, "targets", targets, "reduction", "sum");
                    },
                    (i, q, gradients, parameters) -> gradients.get("logInputs").data()[2 * i] / q
                            - gradients.get("logInputs").data()[2 * i + 1] / (1 - q)));

    KlDivergenceEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/kl-divergence}. */
    public record Request(
            Matrix logInputs,
            Matrix targets,
            Boolean logTarget,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new KlDivergence(KlDivergence.LOG_TARGET.valueOr(logTarget)).forward(logInputs, targets);
        }

        @Override
        public ChoiceParameter<ReductionMode> reductions() {
            return KlDivergence.REDUCTION;
        }
    }
}
