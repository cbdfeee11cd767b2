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
import dev.lossref.core.classification.SoftmaxCrossEntropy;
import java.util.List;
import org.springframework.stereotype.Component;

/** Softmax cross-entropy. */
@Component
class SoftmaxCrossEntropyEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder(
                    "softmax-cross-entropy", Family.CLASSIFICATION, 10)
            .title("Softmax cross-entropy (multinomial log loss)")
            .summary("The loss of multi-class logistic regression and of almost every neural classifier. The softmax "
                    + "turns a row of C real scores (logits) into a probability distribution p = softmax(z), and the "
                    + "loss is the negative log-probability the model gives to the true class: 0 when the model is "
                    + "certain and right, growing without bound as it becomes certain and wrong. It is the 0-1 loss's "
                    + "convex surrogate for C classes, the negative log-likelihood of a categorical model, and the "
                    + "cross-entropy between the target distribution and p. Its gradient with respect to the logits is "
                    + "simply p - t (predicted minus target distribution). Soft targets, class weights and label "
                    + "smoothing follow torch.nn.functional.cross_entropy exactly.")
            .formula("\\ell_i = -\\sum_{c=1}^{C} a_{ic} \\log \\frac{e^{z_{ic}}}{\\sum_{k} e^{z_{ik}}},\\quad a_{ic} = "
                    + "(1-\\varepsilon)\\, w_{y_i} [c = y_i] + \\tfrac{\\varepsilon}{C} w_c \\text{ (labels)},\\quad "
                    + "a_{ic} = w_c \\big((1-\\varepsilon)\\, t_{ic} + \\tfrac{\\varepsilon}{C}\\big) \\text{ "
                    + "(targets)};\\quad \\text{mean} = \\frac{\\sum_i \\ell_i}{\\sum_i w_{y_i}} \\text{ (labels)},\\ "
                    + "\\frac{1}{N}\\sum_i \\ell_i \\text{ (targets)};\\quad \\frac{\\partial \\ell_i}{\\partial "
                    + "z_{ij}} = \\Big(\\sum_c a_{ic}\\Big) p_{ij} - a_{ij}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "logits",
                            Shape.of("N", "C"),
                            Requirement.REQUIRED,
                            "Unnormalised class scores z, one row per sample. Any finite magnitude works: the "
                                    + "log-sum-exp is shifted by the row maximum."),
                    InputSpec.integers(
                            "labels",
                            Shape.of("N"),
                            Requirement.oneOf("labels", "targets"),
                            "The true class index y_i of each sample, an integer in [0, C)."),
                    InputSpec.numbers(
                            "targets",
                            Shape.of("N", "C"),
                            Requirement.oneOf("labels", "targets"),
                            "A target distribution t_i per sample (non-negative; rows are usually probability vectors, "
                                    + "e.g. from mixup or distillation, but are not required to sum to 1)."),
                    InputSpec.numbers(
                            "classWeights",
                            Shape.of("C"),
                            Requirement.OPTIONAL,
                            "A weight w_c >= 0 per class, as PyTorch's weight argument: rescales each class's term. "
                                    + "With labels the mean becomes a weighted mean.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    SoftmaxCrossEntropy.LABEL_SMOOTHING,
                                    "\\varepsilon",
                                    "Mixes each target with the uniform distribution: t' = (1 - eps) t + eps / C, as "
                                            + "PyTorch's label_smoothing (Szegedy et al. 2016).")
                            .withPaperValue("0.1 (Szegedy et al. 2016, Inception-v3)"),
                    Hyperparameter.optionalInteger(
                                    "ignoreIndex",
                                    "A label value whose samples are left out: their loss and gradient are 0 and they "
                                            + "do not count in the mean (PyTorch's ignore_index; absent: none). With "
                                            + "labels only (as PyTorch: soft targets have no label to ignore).")
                            .onlyWith("labels"),
                    CommonParameters.hessians(
                            "d^2 value / d z_ij^2 for every logit (the diagonal of each row's " + "Hessian)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "ell_i, the loss of each sample, class weight included"),
                    new OutputSpec(
                            "value",
                            "number",
                            "mean: sum_i ell_i / sum_i w_{y_i} with labels (PyTorch's weighted mean), sum_i ell_i / N "
                                    + "with targets; sum: sum_i ell_i"),
                    new OutputSpec("gradients.logits", "[N x C]", "d value / d logits"),
                    new OutputSpec(
                            "hessians.logits",
                            "[N x C]",
                            "with hessians: d^2 value / d z_ij^2 = coefficient * " + "(sum_c a_ic) p_ij (1 - p_ij)")))
            .conventions(List.of(
                    "Second derivative (hessians): Only the diagonal of each row's Hessian is returned: (sum_c a_ic) "
                            + "p_ij (1 - p_ij); the full block is (sum_c a_ic) (diag(p_i) - p_i p_i^T). XGBoost's "
                            + "multi-class softmax objective uses 2 p (1 - p) for its hess, twice this diagonal: an "
                            + "upper bound of the block (Boehning's bound 1/2 (I - 11^T/C) is another) that makes its "
                            + "Newton steps more cautious; for XGBoost's grad/hess, send reduction sum and double "
                            + "hessians if you want its convention.",
                    "log softmax is computed as (z_j - max) - log1p(sum over j != argmax of exp(z_j - max)): finite "
                            + "for logits of any finite magnitude (1e4 and beyond), and accurate when the model is "
                            + "confident.",
                    "With labels and classWeights, the mean divides by the sum of the weights of the samples' labels; "
                            + "if that sum is 0 the mean is undefined and the request is refused (400). With targets "
                            + "the mean divides by N, as in PyTorch.",
                    "With labels, label smoothing and class weights, perSample_i = (1 - eps) w_{y_i} (-log p_{i y_i}) "
                            + "+ (eps / C) sum_c w_c (-log p_{ic}), which is PyTorch's reduction='none' output.",
                    "The loss is smooth everywhere; no subgradient convention is needed."))
            .references(List.of(
                    new Reference(
                            "PyTorch documentation, torch.nn.CrossEntropyLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html"),
                    new Reference(
                            "C. M. Bishop, Pattern Recognition and Machine Learning, Springer 2006, section 4.3.4 "
                                    + "(multiclass logistic regression)",
                            "https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/"),
                    new Reference(
                            "C. Szegedy, V. Vanhoucke, S. Ioffe, J. Shlens, Z. Wojna, Rethinking the Inception "
                                    + "Architecture for Computer Vision, CVPR 2016 (label smoothing)",
                            "https://arxiv.org/abs/1512.00567")))
            .examples(List.of(
                    new Example("labels", """
                    {"logits": [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], "labels": [0, 1], "reduction": "mean"}"""),
                    new Example("class weights and label smoothing", """
                    {"logits": [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], "labels": [0, 2], "classWeights": [1.0, 2.0, 0.5], \
                    "labelSmoothing": 0.1}"""),
                    new Example("soft targets", """
                    {"logits": [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], "targets": [[0.7, 0.2, 0.1], [0.0, 0.5, 0.5]]}"""),
                    new Example("labels with hessians (diagonal of each row)", """
                    {"logits": [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], "labels": [0, 1], "hessians": true}"""),
                    new Example("labels with an ignored sample (ignoreIndex -100, PyTorch's default value)", """
                    {"logits": [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [0.3, 0.2, 0.1]], "labels": [0, -100, 2], \
                    "ignoreIndex": -100}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "logits of magnitude 1e3",
                    "exp overflows float64 beyond 709: the log-softmax is shifted by each row's maximum and the "
                            + "confident rows keep their tiny losses (log1p of the rest)",
                    random -> Curves.fields(
                            "logits",
                            EdgeRegion.gaussianMatrix(random, 3, 4, 1000),
                            "labels",
                            random.ints(3, 0, 4).toArray()))))
            .build();

    private static final Curve CURVE = Curve.of(
            "logit margin",
            "logit margin z_y - z_other (two classes)",
            -5,
            5,
            CurveSeries.of(
                    "loss",
                    (x, parameters) -> {
                        double[][] logits = new double[x.length][];
                        for (int i = 0; i < x.length; i++) {
                            logits[i] = new double[] {x[i], 0};
                        }
                        return Curves.fields("logits", logits, "labels", new int[x.length]);
                    },
                    (i, x, gradients, parameters) -> gradients.get("logits").data()[2 * i],
                    (i, x, hessians, parameters) -> hessians.get("logits").data()[2 * i]));

    SoftmaxCrossEntropyEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/softmax-cross-entropy}. */
    public record Request(
            Matrix logits,
            int[] labels,
            Matrix targets,
            double[] classWeights,
            Double labelSmoothing,
            Integer ignoreIndex,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {

        @Override
        public Forward forward() {
            SoftmaxCrossEntropy loss =
                    new SoftmaxCrossEntropy(SoftmaxCrossEntropy.LABEL_SMOOTHING.valueOr(labelSmoothing), classWeights);
            return labels != null ? loss.withLabels(logits, labels, ignoreIndex) : loss.withTargets(logits, targets);
        }
    }
}
