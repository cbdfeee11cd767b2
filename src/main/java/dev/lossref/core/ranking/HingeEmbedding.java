package dev.lossref.core.ranking;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.RealParameter;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;

/**
 * The hinge embedding loss (PyTorch's hinge_embedding_loss) on distances x between pairs: a similar
 * pair (y = 1) costs its distance, a dissimilar one (y = -1) costs max(0, margin - x). d/dx = 1 for
 * y = 1, -1 where margin - x >= 0 for y = -1 (at the kink the gradient passes, as PyTorch's clamp).
 * Second derivative 0.
 */
public final class HingeEmbedding {

    public static final RealParameter MARGIN = RealParameter.any("margin", 1);

    private final double margin;

    public HingeEmbedding(double margin) {
        this.margin = MARGIN.check(margin);
    }

    public SecondOrderForward forward(double[] distances, int[] labels) {
        int n = distances.length;
        new InputCheck()
                .nonEmpty(n, "distances")
                .sameLength(labels.length, n, "labels", "distances")
                .throwIfFailed();
        new InputCheck().signLabels(labels, "labels").throwIfFailed();
        double[] perSample = new double[n];
        double[] derivative = new double[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] == 1) {
                perSample[i] = distances[i];
                derivative[i] = 1;
            } else {
                perSample[i] = Math.max(0, margin - distances[i]);
                derivative[i] = margin - distances[i] >= 0 ? -1 : 0;
            }
        }
        return Forward.withHessians(perSample, (coefficients, hessians) -> {
            double[] gradient = new double[n];
            for (int i = 0; i < n; i++) {
                gradient[i] = coefficients.at(i) * derivative[i];
            }
            if (hessians != null) {
                hessians.put("distances", Tensor.vector(new double[n]));
            }
            return new Gradients().put("distances", Tensor.vector(gradient));
        });
    }
}
