package dev.lossref.catalog.sequences;

import dev.lossref.catalog.AlternativeConvention;
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
import dev.lossref.core.Tensor;
import dev.lossref.core.WorkLimits;
import dev.lossref.core.sequences.ConnectionistTemporalClassification;
import dev.lossref.core.sequences.ConnectionistTemporalClassification.Input;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Connectionist temporal classification. */
@Component
class CtcEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("ctc", Family.SEQUENCES, 10)
            .title("Connectionist temporal classification (CTC)")
            .summary("The loss of speech and handwriting recognition, where a sequence of T frames must produce a "
                    + "shorter label sequence without telling which frame emits which label. The network gives a "
                    + "distribution over the C classes plus a blank at every frame; an alignment picks one class per "
                    + "frame and collapses to a label sequence by merging repeats and removing blanks (c c blank a t "
                    + "-> cat; a blank between two a's keeps both). CTC sums the probability of every alignment of the "
                    + "target with the forward-backward recursion, and its loss is the negative log of that sum. "
                    + "Graves et al. 2006; PyTorch's ctc_loss, whose backward returns the gradient for the logits even "
                    + "when it is given log-probabilities: the service serves both gradients, named for their inputs.")
            .formula("\\ell_i = -\\log \\sum_{\\pi \\in \\mathcal{B}^{-1}(l_i)} \\prod_{t=1}^{T_i} "
                    + "y^{t}_{\\pi_t},\\quad \\text{mean} = \\frac1N \\sum_i \\frac{\\ell_i}{\\max(|l_i|, 1)}")
            .inputs(List.of(
                    InputSpec.numbers(
                            "logits",
                            Shape.of("N", "T", "C"),
                            Requirement.oneOf("logits", "logProbabilities"),
                            "Unnormalised scores z; y = softmax(z) over the C classes of each frame. Batch first "
                                    + "(PyTorch's ctc_loss takes [T x N x C])."),
                    InputSpec.numbers(
                            "logProbabilities",
                            Shape.of("N", "T", "C"),
                            Requirement.oneOf("logits", "logProbabilities"),
                            "log y, used as given (as PyTorch's log_probs, from a log_softmax)."),
                    InputSpec.numbers(
                            "targets",
                            Shape.of("N", "S"),
                            Requirement.REQUIRED,
                            "Each sample's label indices, padded to S; entries beyond its target length are ignored "
                                    + "whatever their value. S = 0 (every target empty) is valid."),
                    InputSpec.integers(
                            "inputLengths",
                            Shape.of("N"),
                            Requirement.REQUIRED,
                            "T_i in [1, T]: the frames of sample i."),
                    InputSpec.integers("targetLengths", Shape.of("N"), Requirement.REQUIRED, "|l_i| in [0, S].")))
            .hyperparameters(List.of(
                    Hyperparameter.of(
                            ConnectionistTemporalClassification.BLANK,
                            null,
                            "The blank's class index, in [0, C); no target may equal it."),
                    Hyperparameter.of(
                            ConnectionistTemporalClassification.ZERO_INFINITY,
                            "Whether a target with no alignment (longer than its input allows) gives loss 0 and "
                                    + "gradient 0 instead of 422 (PyTorch's zero_infinity)."),
                    Hyperparameter.of(
                            CommonParameters.REDUCTION,
                            "mean: PyTorch's, the mean over samples of perSample_i / max(targetLength_i, 1); sum: the "
                                    + "plain sum."),
                    CommonParameters.gradients()))
            .outputs(List.of(
                    new OutputSpec("perSample", "[N]", "-log p(l_i | x_i)"),
                    new OutputSpec("value", "number", "the target-length-weighted mean, or the sum"),
                    new OutputSpec(
                            "gradients.logits", "[N x T x C]", "with logits: y - gamma (posterior), 0 beyond T_i"),
                    new OutputSpec(
                            "gradients.logProbabilities",
                            "[N x T x C]",
                            "with logProbabilities: the exact -gamma, 0 beyond T_i (PyTorch returns y - gamma here)")))
            .conventions(List.of(
                    "The recursion runs in log space (log-sum-exp of the larger term plus log1p), so T = 1000 frames "
                            + "neither underflow nor lose digits; samples are computed in parallel.",
                    "The trap of PyTorch's ctc_loss: for log_probs it returns d value / d logits of the log_softmax "
                            + "that usually produced them, g_i (exp(log_probs) - gamma), not the derivative with "
                            + "respect to log_probs, -g_i gamma. Example: one frame, two classes, target empty (only "
                            + "the blank): loss = -log y_0(blank); PyTorch's gradient for log y_0(blank) is y_0(blank) "
                            + "- 1 and for log y_0(1) it is y_0(1); the true derivatives are -1 and 0. Both are "
                            + "served: send logits for the first, logProbabilities for the second.",
                    "A target needing more frames than its input has (its length plus a blank between each pair of "
                            + "repeated labels) has no alignment: 422 naming the sample, or loss 0 and gradient 0 with "
                            + "zeroInfinity.",
                    "Lengths beyond T or S, an input length of 0, a target equal to the blank, a class out of range: "
                            + "400 naming the field and index. The work N T (2S + 1) is limited by "
                            + "losses.limits.max-ctc-cells (413 above it).",
                    "No second derivatives (hessians is not a field of this loss)."))
            .references(List.of(
                    new Reference(
                            "A. Graves, S. Fernandez, F. Gomez, J. Schmidhuber, Connectionist Temporal Classification: "
                                    + "Labelling Unsegmented Sequence Data with Recurrent Neural Networks, ICML 2006",
                            "https://www.cs.toronto.edu/~graves/icml_2006.pdf"),
                    new Reference(
                            "PyTorch documentation, torch.nn.CTCLoss",
                            "https://pytorch.org/docs/stable/generated/torch.nn.CTCLoss.html")))
            .examples(List.of(
                    new Example("the word cat in three frames: one alignment, p = 0.7 x 0.6 x 0.8", """
                    {"logProbabilities": [[[-2.3025850929940455, -0.35667494393873245, -2.3025850929940455, \
                    -2.3025850929940455], [-2.3025850929940455, -2.3025850929940455, -0.5108256237659907, \
                    -1.6094379124341003], [-2.3025850929940455, -2.995732273553991, -2.995732273553991, \
                    -0.2231435513142097]]], "targets": [[1, 2, 3]], "inputLengths": [3], "targetLengths": [3]}"""),
                    new Example("logits, padding, a repeated label", """
                    {"logits": [[[0.5, 1.0, -0.3], [0.2, -0.1, 0.9], [1.1, 0.3, 0.0], [0.4, 0.8, -0.5]], \
                    [[0.1, 0.2, 0.3], [0.3, 0.2, 0.1], [0.9, -0.4, 0.6], [0.0, 0.0, 0.0]]], "targets": [[1, 1], [2, \
                    0]], \
                    "inputLengths": [4, 3], "targetLengths": [2, 1]}"""),
                    new Example("blank 2, an empty target, sum", """
                    {"logits": [[[0.5, 1.0, -0.3], [0.2, -0.1, 0.9]], [[0.1, 0.2, 0.3], [0.3, 0.2, 0.1]]], \
                    "targets": [[0, 1], [0, 0]], "inputLengths": [2, 2], "targetLengths": [2, 0], "blank": 2, \
                    "reduction": "sum"}"""),
                    new Example("zeroInfinity: a target too long for its input", """
                    {"logits": [[[0.5, 1.0, -0.3], [0.2, -0.1, 0.9]], [[0.1, 0.2, 0.3], [0.3, 0.2, 0.1]]], \
                    "targets": [[1, 1], [1, 2]], "inputLengths": [2, 2], "targetLengths": [2, 2], \
                    "zeroInfinity": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "repeated labels",
                    "a label repeated in the target needs a blank between its two emissions, so T >= S + repeats; the "
                            + "lattice's skip transition is forbidden there",
                    random -> {
                        double[][][] logits = new double[1][][];
                        logits[0] = EdgeRegion.gaussianMatrix(random, 6, 4, 1);
                        return Curves.fields(
                                "logits",
                                logits,
                                "targets",
                                new int[][] {{1, 1, 2}},
                                "inputLengths",
                                new int[] {6},
                                "targetLengths",
                                new int[] {3});
                    })))
            .build();

    /** Three frames, target "cat" = (1, 2, 3): the loss as the logit of "a" at the middle frame varies. */
    private static final Curve CURVE = Curve.of(
            "logit",
            "logit of the label a at frame 2 (target cat, T = 3)",
            -4,
            6,
            CurveSeries.of(
                    "loss",
                    (x, parameters) -> cat(x),
                    (i, x, gradients, parameters) -> gradients.get("logits").data()[i * 12 + 4 + 2]));

    CtcEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    private static Map<String, Object> cat(double[] x) {
        double[][][] logits = new double[x.length][][];
        double[][] targets = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            logits[i] = new double[][] {{0, 2, 0, 0}, {0, 0, x[i], 0}, {0, 0, 0, 2}};
            targets[i] = new double[] {1, 2, 3};
        }
        return Curves.fields(
                "logits",
                logits,
                "targets",
                targets,
                "inputLengths",
                Curves.filled(x.length, 3),
                "targetLengths",
                Curves.filled(x.length, 3));
    }

    /**
     * PyTorch's ctc_loss backward for log-probabilities: the gradient of the logits they came from
     * (exact + g_i exp(logProbabilities)), which is this loss's answer with the log-probabilities sent as
     * logits when each frame's probabilities sum to 1, as they do out of a log-softmax.
     */
    @Override
    public List<AlternativeConvention> alternativeConventions() {
        return List.of(AlternativeConvention.inputAs(
                "logProbabilities",
                "logits",
                "PyTorch's ctc_loss backward for log-probabilities (the gradient of the logits of a log-softmax, exact "
                        + "+ g_i exp(logProbabilities))"));
    }

    /** The body of {@code POST /losses/ctc}. */
    public record Request(
            Tensor logits,
            Tensor logProbabilities,
            Matrix targets,
            int[] inputLengths,
            int[] targetLengths,
            Integer blank,
            Boolean zeroInfinity,
            ReductionMode reduction,
            Boolean gradients)
            implements BoundedLossRequest {

        @Override
        public Forward forward(WorkLimits limits) {
            var loss = new ConnectionistTemporalClassification(
                    ConnectionistTemporalClassification.BLANK.valueOr(blank),
                    ConnectionistTemporalClassification.ZERO_INFINITY.valueOr(zeroInfinity));
            return logits != null
                    ? loss.forward(logits, Input.LOGITS, inputLengths, targets, targetLengths, limits)
                    : loss.forward(
                            logProbabilities, Input.LOG_PROBABILITIES, inputLengths, targets, targetLengths, limits);
        }
    }
}
