package dev.lossref.catalog.scores;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.LossOperation;
import dev.lossref.catalog.Reference;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import dev.lossref.core.Forward;
import dev.lossref.core.Matrix;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.scores.AdaBoostStep;
import dev.lossref.core.scores.ExponentialLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** The exponential loss and the AdaBoost step. */
@Component
class ExponentialEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("exponential", Family.SCORES, 30)
            .title("Exponential loss (AdaBoost)")
            .summary("A smooth, convex surrogate of the 0-1 loss: exp(-m) with the margin m = y f. It is 1 at m = 0, "
                    + "decays quickly for correct, confident scores and grows exponentially for wrong ones, which "
                    + "makes it sensitive to outliers and label noise. It is the loss AdaBoost minimises: Friedman, "
                    + "Hastie and Tibshirani (2000) showed that AdaBoost is forward stagewise additive modelling with "
                    + "this loss. Given the ensemble so far f, adding theta phi (a weak classifier phi with outputs "
                    + "+-1) gives sum_i w_i exp(-theta y_i phi_i) with w_i = exp(-y_i f_i): the weak learner that "
                    + "minimises it is the one with the smallest weighted error R, and the best step is exactly theta "
                    + "= 1/2 log((1 - R) / R), AdaBoost's classifier weight (Freund and Schapire 1997); the new sample "
                    + "weights are the normalised exp(-y f). POST /losses/exponential/boosting-step computes one such "
                    + "stage and shows the equivalence: its lossAfter is the minimum of the exponential loss over "
                    + "theta, lossBefore times 2 sqrt(R (1 - R)).")
            .formula("\\ell_i = e^{-m_i},\\ m_i = y_i f_i;\\quad \\frac{\\partial \\ell_i}{\\partial f_i} = -y_i "
                    + "e^{-m_i};\\quad \\text{AdaBoost: } w_i \\propto e^{-y_i f_i},\\ R = \\sum_{\\varphi_i \\ne y_i} "
                    + "w_i,\\ \\theta = \\tfrac12 \\log\\frac{1-R}{R} = \\arg\\min_\\theta \\sum_i e^{-y_i (f_i + "
                    + "\\theta \\varphi_i)}")
            .inputs(LinearModelSpecs.marginInputs(
                    "The real-valued classifier outputs f_i (for boosting, the ensemble's weighted vote)."))
            .hyperparameters(List.of(
                    LinearModelSpecs.l2(),
                    LinearModelSpecs.newtonStep(),
                    CommonParameters.hessians(
                            "the second derivative of value for every score (or the Hessian of the linear model)."),
                    CommonParameters.reduction(),
                    CommonParameters.gradients()))
            .outputs(LinearModelSpecs.marginOutputs(
                    "exp(-y f)",
                    "mean or sum of exp(-y f), plus (l2/2)||w||^2",
                    "d value / d f (with scores)",
                    "exp(-y f), the loss itself"))
            .conventions(List.of(
                    "exp(-m) overflows float64 for m below about -709.78: such a sample is refused with 422 naming it, "
                            + "never answered with Infinity.",
                    "Boosting step: R = 0 or R = 1 makes theta unbounded and answers 422 with that explanation; R and "
                            + "1 - R are summed separately so that a small R keeps its precision; weights come from a "
                            + "log-sum-exp, so they are exact when every exp(-m) is tiny.",
                    "scikit-learn's AdaBoostClassifier (SAMME) uses log((1 - R) / R) + log(K - 1), i.e. twice this "
                            + "theta for two classes: the ensemble's sign, and so the classifier, is the same; the "
                            + "scale of f and of the exponential loss differ.",
                    LinearModelSpecs.linearModelConvention(),
                    LinearModelSpecs.secondOrderConvention("exp(-y f), the loss itself (y^2 = 1)")))
            .references(
                    List.of(
                            new Reference(
                                    "Y. Freund, R. E. Schapire, A Decision-Theoretic Generalization of On-Line "
                                            + "Learning and an Application to Boosting, Journal of Computer and System "
                                            + "Sciences 55(1), 1997",
                                    "https://doi.org/10.1006/jcss.1997.1504"),
                            new Reference(
                                    "J. Friedman, T. Hastie, R. Tibshirani, Additive Logistic Regression: a "
                                            + "Statistical View of Boosting, The Annals of Statistics 28(2), 2000",
                                    "https://doi.org/10.1214/aos/1016218223"),
                            new Reference(
                                    "scikit-learn, sklearn.ensemble.AdaBoostClassifier (SAMME)",
                                    "https://scikit-learn.org/stable/modules/generated/sklearn.ensemble.AdaBoostClassifier.html")))
            .examples(List.of(
                    new Example("scores", """
                    {"scores": [1.5, -0.4, 0.3, -2.0], "labels": [1, 1, -1, -1]}"""),
                    new Example("linear model", """
                    {"features": [[1.0, 2.0], [-0.5, 1.5], [2.0, -1.0]], "weights": [0.3, -0.6], "bias": 0.1, \
                    "labels": [1, -1, 1]}"""),
                    new Example("gradients and hessians for a boosting objective (sum)", """
                    {"scores": [0.5, -1.2, 2.0, 0.1], "labels": [1, 1, -1, -1], "reduction": "sum", \
                    "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "margins of -700",
                    "exp(700) near the float64 limit: value and gradient finite; beyond, 422",
                    random -> Curves.fields(
                            "scores",
                            new double[] {700, -700, EdgeRegion.gaussian(random), EdgeRegion.gaussian(random)},
                            "labels",
                            new int[] {-1, 1, 1, -1}))))
            .build();

    private static final Curve CURVE = Curves.margin("scores", "labels", 1);

    private static final LossOperation BOOSTING_STEP = new LossOperation(
            "boosting-step",
            "exponentialBoostingStep",
            "One AdaBoost stage as stagewise minimisation of the exponential loss",
            "Sample weights w_i proportional to exp(-y_i f_i), the weighted error R of the weak learner, its weight "
                    + "theta = 1/2 log((1 - R) / R) (the exact minimiser of the exponential loss along the weak "
                    + "learner), the updated scores f + theta phi, and the loss before and after. R = 0 or 1 (theta "
                    + "unbounded) and overflow answer 422. See GET /losses/exponential.",
            BoostingStepRequest.class,
            List.of(
                    InputSpec.numbers(
                            "scores",
                            Shape.of("N"),
                            Requirement.REQUIRED,
                            "The current ensemble output f_i (may be 0)."),
                    InputSpec.integers(
                            "labels", Shape.of("N"), Requirement.REQUIRED, "The true classes y_i, -1 or +1."),
                    InputSpec.integers(
                            "weakPredictions",
                            Shape.of("N"),
                            Requirement.REQUIRED,
                            "The new weak classifier's outputs phi_i, -1 or +1.")),
            BoostingStepResponse.class,
            new Example("first stage", """
                    {"scores": [0, 0, 0, 0, 0], "labels": [1, 1, -1, -1, 1], "weakPredictions": [1, 1, -1, 1, 1]}"""),
            "R is 0 or 1, or exp(-y f) overflows");

    ExponentialEntry() {
        super(DESCRIPTOR, Request.class, CURVE, BOOSTING_STEP);
    }

    /** The body of {@code POST /losses/exponential}: scores or a linear model, with labels +-1. */
    public record Request(
            double[] scores,
            int[] labels,
            Matrix features,
            double[] weights,
            Double bias,
            Double l2,
            Boolean newtonStep,
            Boolean hessians,
            ReductionMode reduction,
            Boolean gradients)
            implements ScoreInputs.LinearModelRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            return ScoreInputs.forward(new ExponentialLoss(labels), "scores", scores, this, limits);
        }
    }

    /**
     * The body of {@code POST /losses/exponential/boosting-step}.
     *
     * @param scores the current ensemble output f [N] (may be all zeros)
     * @param labels y [N], -1 or +1
     * @param weakPredictions the new weak classifier's outputs phi [N], -1 or +1
     */
    public record BoostingStepRequest(double[] scores, int[] labels, int[] weakPredictions)
            implements LossOperation.Request {

        @Override
        public BoostingStepResponse run() {
            return BoostingStepResponse.of(AdaBoostStep.step(scores, labels, weakPredictions));
        }
    }

    /**
     * One AdaBoost stage.
     *
     * @param sampleWeights w [N], normalised, proportional to exp(-y f)
     * @param weightedError R, the weight of the samples the weak learner gets wrong
     * @param classifierWeight theta = 1/2 log((1 - R) / R)
     * @param updatedScores f + theta phi [N]
     * @param lossBefore sum_i exp(-y_i f_i)
     * @param lossAfter sum_i exp(-y_i (f_i + theta phi_i)), the minimum over theta
     */
    public record BoostingStepResponse(
            Tensor sampleWeights,
            double weightedError,
            double classifierWeight,
            Tensor updatedScores,
            double lossBefore,
            double lossAfter) {

        static BoostingStepResponse of(AdaBoostStep.Result result) {
            return new BoostingStepResponse(
                    Tensor.vector(result.sampleWeights()),
                    result.weightedError(),
                    result.classifierWeight(),
                    Tensor.vector(result.updatedScores()),
                    result.lossBefore(),
                    result.lossAfter());
        }
    }
}
