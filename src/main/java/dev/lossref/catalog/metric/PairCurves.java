package dev.lossref.catalog.metric;

import dev.lossref.catalog.Curve;
import dev.lossref.catalog.CurveSeries;
import dev.lossref.catalog.Curves;
import dev.lossref.core.Tensor;

/**
 * The curve of the pair losses: the loss against the cosine s(a, p) of an anchor and its
 * positive, with one negative orthogonal to both (s(a, n) = s(p, n) = 0): a = e1, p = (x, sqrt(1 - x^2), 0),
 * n = e3, labels [0, 0, 1]. The samples interact, so every point is a batch of its own, reduced by the
 * mean (over the pairs or anchors the loss counts). The derivative is d loss / dx, through p; at x = +-1 the
 * path's tangent dp/dx is infinite (0 times infinity in the chain rule), so the curve runs over the open
 * interval (-1, 1), and an axis end at or beyond +-1 is refused naming it.
 */
final class PairCurves {

    static final String AXIS_LABEL =
            "cosine s(a, p) in (-1, 1) of anchor and positive; a negative n with s(a, n) = s(p, n) = 0";

    private PairCurves() {}

    static Curve positiveSimilarity(String seriesName) {
        return Curve.of(
                "positive similarity",
                AXIS_LABEL,
                -0.99,
                0.99,
                CurveSeries.batchPerPoint(
                        seriesName,
                        (x, parameters) -> Curves.fields(
                                "embeddings", new double[][] {{1, 0, 0}, positive(x), {0, 0, 1}}, "labels", new int[] {
                                    0, 0, 1
                                }),
                        (i, x, gradients, parameters) -> alongPositive(x, gradients.get("embeddings"), 1)));
    }

    /** p = (x, sqrt(1 - x^2), 0): a unit vector at cosine x from e1; not a number outside (-1, 1). */
    static double[] positive(double x) {
        double sine = Math.abs(x) < 1 ? Math.sqrt(1 - x * x) : Double.NaN;
        return new double[] {x, sine, 0};
    }

    /**
     * d loss / dx from the gradient of row {@code row} of a three-column input, the row that sits at
     * {@link #positive(double)}: g . dp/dx.
     */
    static double alongPositive(double x, Tensor gradient, int row) {
        double[] g = gradient.data();
        return g[row * 3] - g[row * 3 + 1] * x / Math.sqrt(1 - x * x);
    }
}
