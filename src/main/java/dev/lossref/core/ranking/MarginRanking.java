package dev.lossref.core.ranking;

import dev.lossref.core.Forward;
import dev.lossref.core.Gradients;
import dev.lossref.core.InputCheck;
import dev.lossref.core.RealParameter;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.Tensor;

/**
 * The margin ranking loss (PyTorch's margin_ranking_loss): with y = +1 the first score should rank
 * above the second by the margin, with y = -1 below it: l_i = max(0, -y_i (x1_i - x2_i) + margin).
 * d/dx1 = -y, d/dx2 = y where the bracket is >= 0: at the kink the gradient passes, as PyTorch's clamp.
 * Second derivative 0.
 */
public final class MarginRanking {

    public static final RealParameter MARGIN = RealParameter.any("margin", 0);

    private final double margin;

    public MarginRanking(double margin) {
        this.margin = MARGIN.check(margin);
    }

    public SecondOrderForward forward(double[] first, double[] second, int[] labels) {
        int n = first.length;
        new InputCheck()
                .nonEmpty(n, "first")
                .sameLength(second.length, n, "second", "first")
                .sameLength(labels.length, n, "labels", "first")
                .throwIfFailed();
        new InputCheck().signLabels(labels, "labels").throwIfFailed();
        double[] perSample = new double[n];
        boolean[] active = new boolean[n];
        for (int i = 0; i < n; i++) {
            double bracket = -labels[i] * (first[i] - second[i]) + margin;
            active[i] = bracket >= 0;
            perSample[i] = Math.max(0, bracket);
        }
        return Forward.withHessians(perSample, (coefficients, hessians) -> {
            double[] firstGradient = new double[n];
            double[] secondGradient = new double[n];
            for (int i = 0; i < n; i++) {
                if (active[i]) {
                    firstGradient[i] = -coefficients.at(i) * labels[i];
                    secondGradient[i] = coefficients.at(i) * labels[i];
                }
            }
            if (hessians != null) {
                hessians.put("first", Tensor.vector(new double[n])).put("second", Tensor.vector(new double[n]));
            }
            return new Gradients()
                    .put("first", Tensor.vector(firstGradient))
                    .put("second", Tensor.vector(secondGradient));
        });
    }
}
