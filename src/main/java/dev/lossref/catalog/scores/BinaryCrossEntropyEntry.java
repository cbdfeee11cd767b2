package dev.lossref.catalog.scores;

import dev.lossref.catalog.AlternativeConvention;
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
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.scores.BinaryCrossEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Binary cross-entropy, the log loss of logistic regression. */
@Component
class BinaryCrossEntropyEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("binary-cross-entropy", Family.SCORES, 50)
            .title("Binary cross-entropy (log loss, logistic regression)")
            .summary("The negative log-likelihood of a Bernoulli model: the model gives probability p = sigmoid(z) to "
                    + "the positive class, and the loss is -log p for a positive sample and -log(1 - p) for a negative "
                    + "one. It is 0 when the model is certain and right and grows without bound as it becomes certain "
                    + "and wrong. On the margin (labels +-1, z = f) it is the logistic loss log(1 + exp(-y f)), a "
                    + "smooth convex surrogate of the 0-1 loss. Minimising it for a linear model z = x . w + b is "
                    + "logistic regression: send features, weights and bias (and l2 for the regularised version). Soft "
                    + "targets in [0, 1] are allowed. Send logits when you have them: the loss on logits is exact for "
                    + "any logit, while probabilities that round to 0 or 1 have to be clamped.")
            .formula("\\ell_i = -\\big(p_w\\, t_i \\log \\sigma(z_i) + (1 - t_i) \\log(1 - \\sigma(z_i))\\big) = p_w "
                    + "t_i \\operatorname{softplus}(-z_i) + (1 - t_i) \\operatorname{softplus}(z_i);\\quad "
                    + "\\frac{\\partial \\ell_i}{\\partial z_i} = (1 - t_i)\\sigma(z_i) - p_w t_i \\sigma(-z_i);\\quad "
                    + "\\text{probabilities: } \\ell_i = -\\big(t_i \\max(\\log q_i, -100) + (1 - t_i) \\max(\\log(1 - "
                    + "q_i), -100)\\big)")
            .inputs(inputs())
            .hyperparameters(List.of(
                    Hyperparameter.of(
                                    BinaryCrossEntropy.POS_WEIGHT,
                                    "p_w",
                                    "Weight of the positive term, as PyTorch's pos_weight: > 1 raises recall, < 1 "
                                            + "precision. Only with logits or the linear model.")
                            .onlyWith("logits", "features"),
                    LinearModelSpecs.l2(),
                    LinearModelSpecs.newtonStep(),
                    CommonParameters.hessians(
                            "the second derivative of value for every logit or probability (or the Hessian of the "
                                    + "linear model)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(outputs())
            .conventions(List.of(
                    "Logits: computed as p_w t softplus(-z) + (1 - t) softplus(z) with softplus(x) = max(x, 0) + "
                            + "log1p(exp(-|x|)): exact to float64 for any finite z (1e4 and beyond), never log(0).",
                    "Probabilities: PyTorch's binary_cross_entropy convention: each log is clamped at -100, so q = 0 "
                            + "or 1 gives a finite loss; the gradient is (q - t) / max(q (1 - q), 1e-12), PyTorch's "
                            + "formula (with its epsilon stored as float32, 9.999999960041972e-13), which near q = 0 "
                            + "or 1 is not the derivative of the clamped value (that would be 0 where the clamp is "
                            + "active). posWeight with probabilities is refused (400).",
                    "With reduction mean and hard 0/1 targets, the value is scikit-learn's log_loss on the "
                            + "probabilities sigmoid(z).",
                    LinearModelSpecs.linearModelConvention(),
                    LinearModelSpecs.secondOrderConvention(
                            "on logits (p_w t + 1 - t) sigmoid(z) sigmoid(-z), from exp(-|z|) so that it is exact for "
                                    + "any logit (about 5e-435 at z = 1000 underflows to 0); on probabilities t / q^2 "
                                    + "+ (1 - t) / (1 - q)^2 where q (1 - q) > eps, the derivative of the gradient "
                                    + "above, and 0 where the clamp holds (PyTorch's double backward differs by about "
                                    + "2e-7 relative at q = 1e-5)")))
            .references(List.of(
                    new Reference(
                            "PyTorch documentation, torch.nn.BCEWithLogitsLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html"),
                    new Reference(
                            "PyTorch documentation, torch.nn.BCELoss (the clamping of the logs at -100)",
                            "https://pytorch.org/docs/stable/generated/torch.nn.BCELoss.html"),
                    new Reference(
                            "scikit-learn, sklearn.metrics.log_loss",
                            "https://scikit-learn.org/stable/modules/generated/sklearn.metrics.log_loss.html"),
                    new Reference(
                            "D. R. Cox, The Regression Analysis of Binary Sequences, Journal of the Royal Statistical "
                                    + "Society B 20(2), 1958 (logistic regression)",
                            "https://doi.org/10.1111/j.2517-6161.1958.tb00292.x")))
            .examples(List.of(
                    new Example("logits", """
                    {"logits": [2.0, -1.0, 0.5, -3.0], "targets": [1, 0, 0, 1]}"""),
                    new Example("probabilities", """
                    {"probabilities": [0.9, 0.2, 0.6, 0.05], "targets": [1, 0, 0, 1]}"""),
                    new Example("soft targets and posWeight", """
                    {"logits": [2.0, -1.0, 0.5], "targets": [0.9, 0.1, 0.5], "posWeight": 2.0}"""),
                    new Example("logistic regression (linear model with l2)", """
                    {"features": [[1.0, 2.0], [-0.5, 1.5], [2.0, -1.0]], "weights": [0.3, -0.6], "bias": 0.1, \
                    "targets": [1, 0, 1], "l2": 0.1}"""),
                    new Example("XGBoost custom objective: grad and hess of the log loss (sum)", """
                    {"logits": [0.2, -1.5, 3.0, 0.0], "targets": [1, 0, 1, 0], "reduction": "sum", \
                    "hessians": true}"""),
                    new Example("one IRLS step of logistic regression (linear model, l2)", """
                    {"features": [[1.0, 0.5], [0.3, -1.0], [2.0, 1.0], [-1.0, 0.2], [0.5, 0.5]], "weights": [0.1, \
                    -0.2], "bias": 0.0, "targets": [1, 0, 1, 0, 0], "l2": 0.1, "reduction": "sum", \
                    "newtonStep": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "logits of magnitude 1e3",
                    "log sigmoid(z) through a stable softplus: exact where log(1 + exp(-z)) would overflow or round to "
                            + "0",
                    random -> Curves.fields(
                            "logits",
                            new double[] {
                                1000 * EdgeRegion.gaussian(random),
                                1000 * EdgeRegion.gaussian(random),
                                1000 * EdgeRegion.gaussian(random),
                                1000 * EdgeRegion.gaussian(random)
                            },
                            "targets",
                            new int[] {1, 0, 0, 1}))))
            .build();

    private static List<InputSpec> inputs() {
        List<InputSpec> inputs = new ArrayList<>();
        Requirement oneOf = Requirement.oneOf("logits", "probabilities", "features");
        inputs.add(InputSpec.numbers("logits", Shape.of("N"), oneOf, "The log-odds z_i of the positive class."));
        inputs.add(InputSpec.numbers(
                "probabilities",
                Shape.of("N"),
                oneOf,
                "The predicted probability q_i of the positive class, in [0, 1]."));
        inputs.add(InputSpec.numbers(
                "targets",
                Shape.of("N"),
                Requirement.REQUIRED,
                "The target t_i in [0, 1]: 1 for positive, 0 for negative, or a soft label."));
        inputs.addAll(LinearModelSpecs.inputs("logits", "probabilities"));
        return inputs;
    }

    private static List<OutputSpec> outputs() {
        List<OutputSpec> outputs = new ArrayList<>();
        outputs.add(new OutputSpec("perSample", "[N]", "the log loss of each sample"));
        outputs.add(new OutputSpec("value", "number", "mean or sum of perSample, plus (l2/2)||w||^2"));
        outputs.add(new OutputSpec("gradients.logits", "[N]", "d value / d z (with logits)"));
        outputs.add(new OutputSpec(
                "gradients.probabilities", "[N]", "d value / d q (with probabilities), PyTorch's convention"));
        outputs.addAll(LinearModelSpecs.gradients());
        outputs.addAll(LinearModelSpecs.secondOrderOutputs("logits", "(p_w t + 1 - t) sigmoid(z) sigmoid(-z)"));
        outputs.add(new OutputSpec(
                "hessians.probabilities",
                "[N]",
                "with hessians and probabilities: coefficient * (t / q^2 + (1 - t) / (1 - q)^2), 0 where q (1 - q) <= "
                        + "eps"));
        return outputs;
    }

    private static final Curve CURVE = Curves.margin("logits", "targets", 1.0);

    BinaryCrossEntropyEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /**
     * The gradient clamp with the float64 literal 1e-12, as a reimplementation that does not round PyTorch's
     * constant to float32 writes it: (p - t) / max(p (1 - p), 1e-12), different where p (1 - p) < 1e-12.
     */
    @Override
    public List<AlternativeConvention> alternativeConventions() {
        return List.of(AlternativeConvention.ofAnswer(
                "the gradient clamp max(p (1 - p), 1e-12) with the float64 literal (PyTorch's constant is 1e-12 "
                        + "rounded to float32, 9.999999960041972e-13)",
                (request, answer) -> {
                    Tensor gradient = answer.get("gradients.probabilities");
                    if (gradient == null) {
                        return null;
                    }
                    double[] p = AlternativeConvention.numbers(request.get("probabilities"));
                    double[] g = gradient.data().clone();
                    for (int k = 0; k < g.length; k++) {
                        double curvature = p[k] * (1 - p[k]);
                        g[k] *= Math.max(curvature, BinaryCrossEntropy.GRADIENT_EPSILON) / Math.max(curvature, 1e-12);
                    }
                    Map<String, Tensor> changed = new java.util.LinkedHashMap<>(answer);
                    changed.put("gradients.probabilities", Tensor.of(gradient.shape(), g));
                    return changed;
                }));
    }

    /**
     * The body of {@code POST /losses/binary-cross-entropy}: targets in [0, 1] and exactly
     * one of logits, probabilities or a linear model (logistic regression).
     */
    public record Request(
            double[] logits,
            double[] probabilities,
            double[] targets,
            Matrix features,
            double[] weights,
            Double bias,
            Double posWeight,
            Double l2,
            Boolean newtonStep,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements ScoreInputs.LinearModelRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            if (probabilities != null) {
                return ScoreInputs.forward(
                        BinaryCrossEntropy.onProbabilities(targets), "probabilities", probabilities, this, limits);
            }
            double weight = BinaryCrossEntropy.POS_WEIGHT.valueOr(posWeight);
            return ScoreInputs.forward(BinaryCrossEntropy.onLogits(targets, weight), "logits", logits, this, limits);
        }
    }
}
