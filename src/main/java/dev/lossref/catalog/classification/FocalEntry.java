package dev.lossref.catalog.classification;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.CurveSeries;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.ExplicitDouble;
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
import dev.lossref.core.InputCheck;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.classification.FocalLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Focal loss. */
@Component
class FocalEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("focal", Family.CLASSIFICATION, 20)
            .title("Focal loss")
            .summary("One-stage object detectors score about 100,000 candidate boxes per image, nearly all easy "
                    + "background. Under cross-entropy each easy example costs little, but together they dominate the "
                    + "loss and the gradient. The focal loss multiplies cross-entropy by (1 - p_t)^gamma, where p_t is "
                    + "the probability given to the true class: an example classified with p_t = 0.9 is down-weighted "
                    + "100-fold at gamma = 2, while hard examples keep their full weight. With gamma = 0 it is "
                    + "cross-entropy again. alpha balances positives against negatives (the paper found alpha = 0.25 "
                    + "best with gamma = 2, since the modulation already down-weights the many easy negatives).")
            .formula("\\ell_i = -\\alpha_t (1 - p_t)^{\\gamma} \\log p_t,\\quad p_t = \\begin{cases} p & y = 1 \\\\ 1 "
                    + "- p & \\text{otherwise} \\end{cases},\\quad \\alpha_t = \\begin{cases} \\alpha & y = 1 \\\\ 1 - "
                    + "\\alpha & \\text{otherwise} \\end{cases},\\quad p = \\sigma(z);\\ \\text{multi-class: } p_t = "
                    + "\\operatorname{softmax}(z)_{y},\\ \\alpha_t = w_{y}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "logits",
                            List.of(Shape.of("N"), Shape.of("N", "C")),
                            Requirement.oneOf("logits", "probabilities"),
                            "Binary: the logit z_i of the positive class; multi-class: a row of class logits per "
                                    + "sample."),
                    InputSpec.numbers(
                            "probabilities",
                            Shape.of("N"),
                            Requirement.oneOf("logits", "probabilities"),
                            "Binary only: the probability p_i of the positive class, in [0, 1]."),
                    InputSpec.integers(
                            "labels",
                            Shape.of("N"),
                            Requirement.REQUIRED,
                            "Binary: 1 for positive, 0 (or -1) for negative; multi-class: the class index in [0, C)."),
                    InputSpec.numbers(
                            "classWeights",
                            Shape.of("C"),
                            Requirement.OPTIONAL,
                            "Multi-class only: alpha_t = classWeights[y]; refused in binary mode.")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    FocalLoss.ALPHA,
                                    "\\alpha",
                                    "Binary only: the weight of positives (negatives get 1 - alpha). null means no "
                                            + "weighting (torchvision's alpha < 0). In multi-class mode a number is "
                                            + "refused (use classWeights) and null is accepted.")
                            .asNullable()
                            .withPaperValue("0.25 (with gamma 2)"),
                    Hyperparameter.of(
                                    FocalLoss.GAMMA,
                                    "\\gamma",
                                    "The focusing parameter: how strongly easy examples are down-weighted.")
                            .withPaperValue("2 (0, 0.5, 1, 2 and 5 were compared)"),
                    CommonParameters.hessians("d^2 value / d x_k^2 for every logit or probability (multi-class: the "
                            + "diagonal of each row's Hessian)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "-alpha_t (1 - p_t)^gamma log p_t"),
                    new OutputSpec("value", "number", "the plain mean (alpha_t is inside perSample) or the sum"),
                    new OutputSpec("gradients.logits", "[N] or [N x C]", "d value / d logits"),
                    new OutputSpec("gradients.probabilities", "[N]", "d value / d probabilities"),
                    new OutputSpec(
                            "hessians.logits",
                            "[N] or [N x C]",
                            "with hessians: d^2 value / d z^2 (multi-class: " + "the diagonal of each row's Hessian)"),
                    new OutputSpec("hessians.probabilities", "[N]", "with hessians: d^2 value / d p^2")))
            .conventions(List.of(
                    "Second derivative (hessians), with s = p_t, q = 1 - s: binary on logits d^2l/dz^2 = alpha_t s "
                            + "q^gamma (gamma log s (q - gamma s) + (2 gamma + 1) q), stable at any logit (|z| = 30 "
                            + "included); binary on probabilities d^2l/dp^2 = alpha_t (-gamma (gamma - 1) q^(gamma - "
                            + "2) log s + 2 gamma q^(gamma - 1) / s + q^gamma / s^2), with log s of a negative "
                            + "computed as log1p(-p) (not the log of the rounded 1 - p, which second derivatives "
                            + "expose below p of about 1e-6), the limits at s = 1 (0, or 2 alpha_t for gamma = 1; "
                            + "unbounded for 0 < gamma < 1: 422 naming the sample), and, where log s is clamped at "
                            + "-100, -alpha_t gamma (gamma - 1) q^(gamma - 2) (-100); multi-class: the diagonal of "
                            + "each row's Hessian by the chain rule through p_y = softmax(z)_y, written without "
                            + "negative powers of q. These are the Hessians imbalance-xgboost and bokbokbok derive by "
                            + "hand for XGBoost: send reduction sum.",
                    "Binary on logits: computed in log space, log p_t = -softplus(-z_t) and (1 - p_t)^gamma = "
                            + "exp(-gamma softplus(z_t)) with z_t = z for positives and -z for negatives: exact for "
                            + "any finite logit. torchvision.ops.sigmoid_focal_loss computes the same formula through "
                            + "probabilities and loses precision above |z| of about 15.",
                    "Binary on probabilities: log p_t is clamped at -100, as binary cross-entropy; where the clamp "
                            + "holds, log p_t is a constant in the gradient.",
                    "With gamma = 0 the loss is the alpha-weighted binary cross-entropy (or, multi-class, the "
                            + "class-weighted cross-entropy without the weighted mean).",
                    "The mean is the plain mean over samples: alpha_t is part of perSample, unlike the weighted mean "
                            + "of softmax-cross-entropy.",
                    "An absent alpha means the default 0.25; an explicit null means no weighting (the one field where "
                            + "null is not 'not sent')."))
            .references(List.of(
                    new Reference(
                            "T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. Dollar, Focal Loss for Dense Object "
                                    + "Detection, ICCV 2017",
                            "https://arxiv.org/abs/1708.02002"),
                    new Reference(
                            "torchvision.ops.sigmoid_focal_loss",
                            "https://pytorch.org/vision/stable/generated/torchvision.ops.sigmoid_focal_loss.html")))
            .examples(List.of(
                    new Example("binary logits", """
                    {"logits": [2.0, -1.0, 0.5, -3.0], "labels": [1, 0, 0, 1], "alpha": 0.25, "gamma": 2}"""),
                    new Example("binary probabilities, no weighting", """
                    {"probabilities": [0.9, 0.2, 0.6, 0.05], "labels": [1, 0, 0, 1], "alpha": null, "gamma": 1}"""),
                    new Example("multi-class with class weights", """
                    {"logits": [[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], "labels": [0, 2], "classWeights": [1.0, 2.0, 0.5], \
                    "gamma": 2}"""),
                    new Example("binary logits with hessians, for a boosting objective (sum)", """
                    {"logits": [2.0, -1.0, 0.5, -3.0], "labels": [1, 0, 0, 1], "alpha": 0.25, "gamma": 2, \
                    "reduction": "sum", "hessians": true}"""),
                    new Example("multi-class with hessians", """
                    {"logits": [[1.0, 2.0, 0.5], [0.3, -1.0, 2.2]], "labels": [1, 2], "gamma": 2, \
                    "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "p near 0 and 1",
                    "|z| = 30: p_t within 1e-13 of 0 or 1, where (1 - p_t)^gamma and log p_t must be formed from the "
                            + "logit, not from p",
                    random -> Curves.fields(
                            "logits",
                            new double[] {30, -30, random.nextBoolean() ? 30 : -30, random.nextBoolean() ? 30 : -30},
                            "labels",
                            new int[] {1, 0, 1, 0},
                            "alpha",
                            0.25,
                            "gamma",
                            2))))
            .build();

    private static final Curve CURVE = Curve.of(
            "p_t",
            "probability of the true class, p_t",
            0.001,
            1,
            CurveSeries.alongInput(
                    "loss",
                    "probabilities",
                    x -> Curves.fields("probabilities", x, "labels", Curves.filled(x.length, 1))));

    FocalEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /**
     * The body of {@code POST /losses/focal}: binary (logits [N] or probabilities [N]) or
     * multi-class (logits [N x C]). {@code alpha} distinguishes absent (the default 0.25) from an
     * explicit null (no weighting), the one field where null means something.
     */
    public record Request(
            Tensor logits,
            double[] probabilities,
            int[] labels,
            ExplicitDouble alpha,
            Double gamma,
            double[] classWeights,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements LossRequest {

        @Override
        public Forward forward() {
            // Which mode applies depends on the rank of the logits, so its fields are checked here.
            InputCheck check = new InputCheck();
            FocalLoss loss = new FocalLoss(FocalLoss.GAMMA.valueOr(gamma));
            if (logits != null && logits.rank() == 2) {
                check.require(
                        alpha == null || alpha.value() == null,
                        "alpha",
                        "a number applies to the binary loss; in multi-class mode use classWeights (null, no "
                                + "weighting, is accepted)");
                check.throwIfFailed();
                return loss.multiClass(
                        new Matrix(logits.dimension(0), logits.dimension(1), logits.data()), labels, classWeights);
            }
            check.require(
                    classWeights == null, "classWeights", "applies to the multi-class loss; in binary mode use alpha");
            check.throwIfFailed();
            Double weight = alpha == null ? Double.valueOf(FocalLoss.ALPHA.defaultValue()) : alpha.value();
            return probabilities != null
                    ? loss.binaryOnProbabilities(probabilities, labels, weight)
                    : loss.binaryOnLogits(logits.data(), labels, weight);
        }
    }
}
