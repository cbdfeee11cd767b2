package dev.lossref.catalog.angular;

import dev.lossref.catalog.Hyperparameter;
import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.OutputSpec;
import dev.lossref.catalog.Reference;
import dev.lossref.catalog.Requirement;
import dev.lossref.catalog.Shape;
import dev.lossref.core.RealParameter;
import dev.lossref.core.angular.MultiplicativeAngularMargin;
import java.util.ArrayList;
import java.util.List;

/** What the five members of the angular-margin family share in the catalog. */
final class AngularSpecs {

    static final Reference L_SOFTMAX = new Reference(
            "W. Liu, Y. Wen, Z. Yu, M. Yang, Large-Margin Softmax Loss for Convolutional Neural Networks, ICML 2016",
            "https://arxiv.org/abs/1612.02295");
    static final Reference SPHEREFACE = new Reference(
            "W. Liu, Y. Wen, Z. Yu, M. Li, B. Raj, L. Song, SphereFace: Deep Hypersphere Embedding for Face "
                    + "Recognition, CVPR 2017",
            "https://arxiv.org/abs/1704.08063");
    static final Reference AM_SOFTMAX = new Reference(
            "F. Wang, J. Cheng, W. Liu, H. Liu, Additive Margin Softmax for Face Verification, IEEE Signal Processing "
                    + "Letters 25(7), 2018",
            "https://arxiv.org/abs/1801.05599");
    static final Reference COSFACE = new Reference(
            "H. Wang, Y. Wang, Z. Zhou, X. Ji, D. Gong, J. Zhou, Z. Li, W. Liu, CosFace: Large Margin Cosine Loss for "
                    + "Deep Face Recognition, CVPR 2018",
            "https://arxiv.org/abs/1801.09414");
    static final Reference ARCFACE = new Reference(
            "J. Deng, J. Guo, N. Xue, S. Zafeiriou, ArcFace: Additive Angular Margin Loss for Deep Face Recognition, "
                    + "CVPR 2019",
            "https://arxiv.org/abs/1801.07698");
    static final Reference NORMFACE = new Reference(
            "F. Wang, X. Xiang, J. Cheng, A. L. Yuille, NormFace: L2 Hypersphere Embedding for Face Verification, ACM "
                    + "Multimedia 2017",
            "https://arxiv.org/abs/1704.06369");
    static final Reference METRIC_LEARNING = new Reference(
            "K. Musgrave, S. Belongie, S.-N. Lim, pytorch-metric-learning (ArcFaceLoss, CosFaceLoss, "
                    + "NormalizedSoftmaxLoss, SphereFaceLoss, LargeMarginSoftmaxLoss)",
            "https://kevinmusgrave.github.io/pytorch-metric-learning/losses/");

    static final String GEOMETRY = "Geometry (SphereFace, Table 1, two classes): softmax separates them where (W_1 - "
            + "W_2) . x + b_1 - b_2 = 0, a boundary that depends on lengths; the modified softmax (normalised weights, "
            + "no bias) where ||x|| (cos theta_1 - cos theta_2) = 0, i.e. theta_1 = theta_2, an angular boundary; "
            + "A-Softmax uses two boundaries, ||x|| (cos m theta_1 - cos theta_2) = 0 for class 1 and ||x|| (cos "
            + "theta_1 - cos m theta_2) = 0 for class 2, leaving an angular margin between the classes that grows with "
            + "m.";

    private AngularSpecs() {}

    static List<InputSpec> inputs(boolean cosinesAllowed) {
        List<InputSpec> inputs = new ArrayList<>();
        inputs.add(InputSpec.numbers(
                "embeddings",
                Shape.of("N", "d"),
                cosinesAllowed ? Requirement.oneOf("embeddings", "cosines") : Requirement.REQUIRED,
                cosinesAllowed
                        ? "The feature vectors x_i (not normalised: the loss normalises them where its formula does). "
                                + "A zero-length row is refused."
                        : "The feature vectors x_i. A zero-length row is refused."));
        inputs.add(InputSpec.numbers(
                "weights",
                Shape.of("C", "d"),
                Requirement.requiredWith("embeddings"),
                "The class weight vectors W_j of the last layer, one row per class (no bias). A zero-length row is "
                        + "refused."));
        if (cosinesAllowed) {
            inputs.add(InputSpec.numbers(
                    "cosines",
                    Shape.of("N", "C"),
                    Requirement.oneOf("embeddings", "cosines"),
                    "cos theta_ij in [-1, 1] computed elsewhere (e.g. from already normalised vectors); the gradient "
                            + "is then returned for the cosines."));
        }
        inputs.add(InputSpec.integers(
                "labels", Shape.of("N"), Requirement.REQUIRED, "The class y_i of each sample, in [0, C)."));
        return inputs;
    }

    /** What every loss on the margin-softmax head answers beside its gradients: the margin at work. */
    static final OutputSpec TARGET_LOGITS = new OutputSpec(
            "targetLogits", "[N]", "f_{y_i}: each sample's target logit after the margin, as the softmax sees it");

    static List<OutputSpec> outputs(boolean cosinesAllowed) {
        List<OutputSpec> outputs = new ArrayList<>();
        outputs.add(new OutputSpec("perSample", "[N]", "-log softmax(f_i)_{y_i}"));
        outputs.add(new OutputSpec("value", "number", "mean or sum of perSample"));
        outputs.add(new OutputSpec("gradients.embeddings", "[N x d]", "d value / d embeddings (with embeddings)"));
        outputs.add(new OutputSpec("gradients.weights", "[C x d]", "d value / d weights (with embeddings)"));
        if (cosinesAllowed) {
            outputs.add(new OutputSpec("gradients.cosines", "[N x C]", "d value / d cosines (with cosines)"));
        }
        outputs.add(TARGET_LOGITS);
        return outputs;
    }

    static Hyperparameter scale(RealParameter scale, String paperValue) {
        return Hyperparameter.of(
                        scale,
                        "s",
                        "The radius of the hypersphere the normalised features live on: the logits are s times a "
                                + "cosine, so s bounds how confident the softmax can become.")
                .withPaperValue(paperValue);
    }

    static Hyperparameter integerMargin() {
        return Hyperparameter.of(
                        MultiplicativeAngularMargin.MARGIN,
                        "m",
                        "The angle multiplier: the target's angle counts m times. m = 1 removes the margin.")
                .withPaperValue("4 (m = 2, 3, 4 were compared)");
    }

    static Hyperparameter lambda(String paperValue) {
        return Hyperparameter.of(
                        MultiplicativeAngularMargin.LAMBDA,
                        "\\lambda",
                        "Blends the plain target cosine back in: f_y uses (lambda cos theta_y + psi(theta_y)) / (1 + "
                                + "lambda). Training starts with a large lambda and anneals it, since the full margin "
                                + "is hard to fit from scratch; lambda = 0 is the full margin.")
                .withPaperValue(paperValue);
    }

    static String psiConvention() {
        return "psi(theta) = (-1)^k cos(m theta) - 2k on [k pi/m, (k+1) pi/m], k = min(floor(m theta / pi), m - 1): "
                + "cos(m theta) is evaluated as the Chebyshev polynomial T_m(cos theta), whose coefficients are "
                + "generated for any m (T_4 = 8c^4 - 8c^2 + 1); psi is continuous and decreasing on [0, pi]; k is "
                + "piecewise constant and has no gradient. Angles are in radians.";
    }

    static String commonConventions() {
        return "Bias is zero in every member of the family. perSample = -log softmax(f)_y, computed with a shifted "
                + "log-sum-exp. Cosines are x_hat . W_hat, clamped to [-1, 1] against rounding.";
    }
}
