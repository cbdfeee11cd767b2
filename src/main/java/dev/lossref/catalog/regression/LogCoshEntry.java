package dev.lossref.catalog.regression;

import dev.lossref.catalog.CommonParameters;
import dev.lossref.catalog.Curve;
import dev.lossref.catalog.Curves;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.catalog.Family;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossEntry;
import dev.lossref.catalog.LossRequest;
import dev.lossref.catalog.Reference;
import dev.lossref.core.Forward;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.Tensor;
import dev.lossref.core.regression.LogCoshLoss;
import java.util.List;
import org.springframework.stereotype.Component;

/** Log-cosh loss. */
@Component
class LogCoshEntry extends LossEntry {

    private static final LossDescriptor DESCRIPTOR = LossDescriptor.builder("log-cosh", Family.REGRESSION, 40)
            .title("Log-cosh loss")
            .summary("log(cosh(p - t)) behaves like x^2 / 2 for small residuals and like |x| - log 2 for large ones, "
                    + "like the Huber loss, but it is twice differentiable everywhere, with second derivative sech^2 x "
                    + "> 0: a boosting library's Newton step never divides by zero. Keras's log_cosh; not in PyTorch, "
                    + "so the reference is the formula (in 50-digit arithmetic for the golden vectors).")
            .formula("\\ell = \\log\\cosh(p - t) = |x| + \\operatorname{log1p}(e^{-2|x|}) - \\log 2,\\quad x = p - t")
            .inputs(RegressionSpecs.inputs())
            .hyperparameters(
                    List.of(RegressionSpecs.hessians(), CommonParameters.reduction(), CommonParameters.gradients()))
            .outputs(RegressionSpecs.outputs("log cosh(p - t)", "sech^2(p - t) (1 at p = t)"))
            .conventions(List.of(
                    "Evaluated as |x| + log1p(exp(-2|x|)) - log 2, exact for any finite x (log(cosh(x)) overflows "
                            + "beyond |x| of about 710 and loses all digits of small x). The derivative is tanh x; the "
                            + "second derivative sech^2 x = 4 e / (1 + e)^2 with e = exp(-2|x|), without the "
                            + "cancellation of 1 - tanh^2 x.",
                    RegressionSpecs.elementwiseConvention()))
            .references(List.of(
                    new Reference(
                            "Keras documentation, tf.keras.losses.LogCosh",
                            "https://www.tensorflow.org/api_docs/python/tf/keras/losses/LogCosh"),
                    new Reference(
                            "P. Chen, G. Chen, S. Zhang, Log Hyperbolic Cosine Loss Improves Variational Auto-Encoder, "
                                    + "2019",
                            "https://openreview.net/forum?id=rkglvsC9Ym")))
            .examples(List.of(
                    new Example("vectors", """
                    {"predictions": [0.5, -1.2, 2.0, 0.3], "targets": [0.0, -1.0, 3.5, 0.3]}"""),
                    new Example("matrices, sum", """
                    {"predictions": [[0.5, -1.2], [2.0, 0.3]], "targets": [[0.0, -1.0], [3.5, 1.0]], \
                    "reduction": "sum"}"""),
                    new Example("residuals of 1e3 (exact), hessians", """
                    {"predictions": [1000.0, -1000.0, 1e-9], "targets": [0.0, 0.0, 0.0], "hessians": true}""")))
            .edgeRegions(List.of(new EdgeRegion(
                    "residuals of magnitude 1e3 and 1e-8",
                    "cosh overflows beyond 710 and log(cosh r) cancels for tiny r: both are computed in forms exact "
                            + "there",
                    random -> Curves.fields(
                            "predictions",
                            new double[] {
                                1000 * EdgeRegion.gaussian(random),
                                1e-8 * EdgeRegion.gaussian(random),
                                EdgeRegion.gaussian(random)
                            },
                            "targets",
                            new double[] {0.0, 0.0, 0.0}))))
            .build();

    private static final Curve CURVE = RegressionSpecs.residualCurve(-4, 4);

    LogCoshEntry() {
        super(DESCRIPTOR, Request.class, CURVE);
    }

    /** The body of {@code POST /losses/log-cosh}. */
    public record Request(
            Tensor predictions, Tensor targets, Boolean hessians, ReductionMode reduction, Boolean gradients)
            implements LossRequest {
        @Override
        public Forward forward() {
            return new LogCoshLoss().on("predictions", predictions, "targets", targets);
        }
    }
}
