package dev.lossref.service.check;

import dev.lossref.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Judges claimed numbers against expected ones (docs/http-api.md 7): a field passes where every element has
 * |claimed - expected| <= atol + rtol |expected|. For a failing field it tries, on the claimed numbers
 * themselves, the usual mistakes: one factor k over all elements (fitted by least squares, then
 * verified element by element), the sign, the transpose, float32 arithmetic, and the alternative
 * conventions a loss declares. A hint is given only when the claimed numbers match it.
 */
public final class Judge {

    /** float32 keeps 24 significant bits: a correct float32 result is within 2^-22 |e| after a few operations. */
    private static final double FLOAT32_RELATIVE = Math.scalb(1.0, -22);

    private final Tolerance tolerance;
    private final List<NamedFactor> namedFactors;

    /**
     * @param namedFactors factors worth naming in a scale hint ("N, the number of samples", "C, the number of
     *     classes"); 2 and 1/2 are always named
     */
    public Judge(double rtol, double atol, List<NamedFactor> namedFactors) {
        this.tolerance = new Tolerance(rtol, atol);
        this.namedFactors = namedFactors;
    }

    /** The judgement of one field and the hints for it when it fails. */
    public record Result(Judgement judgement, List<Hint> hints) {}

    /**
     * @param conventions the answer under each documented alternative convention ("ArcFace's detached
     *     margin"); the field is absent from a convention's answer when that convention does not change it
     */
    public Result judge(String field, Tensor expected, Tensor claimed, List<ConventionAnswer> conventions) {
        if (!Arrays.equals(expected.shape(), claimed.shape())) {
            String message = "claimed shape " + shape(claimed.shape()) + ", expected " + shape(expected.shape());
            List<Hint> hints = new ArrayList<>();
            if (transposeMatches(expected, claimed)) {
                hints.add(new Hint(field, "transposed", "the claimed numbers are the transpose of the expected ones"));
            }
            return new Result(new Judgement(field, false, message, null, null, null), hints);
        }
        double[] e = expected.data();
        double[] c = claimed.data();
        double maxAbs = 0;
        Double maxRel = null;
        int worst = 0;
        double worstExcess = -1;
        boolean pass = true;
        for (int k = 0; k < e.length; k++) {
            double difference = Math.abs(c[k] - e[k]);
            if (Double.isNaN(c[k])) {
                difference = Double.POSITIVE_INFINITY;
            }
            maxAbs = Math.max(maxAbs, difference);
            if (e[k] != 0) {
                maxRel = Math.max(maxRel == null ? 0 : maxRel, difference / Math.abs(e[k]));
            }
            double excess = Double.isNaN(c[k]) ? Double.POSITIVE_INFINITY : tolerance.excess(c[k], e[k]);
            if (excess > worstExcess) {
                worstExcess = excess;
                worst = k;
            }
            pass &= excess <= 1;
        }
        Judgement.Worst worstElement =
                e.length == 0 ? null : new Judgement.Worst(index(expected, worst), e[worst], c[worst]);
        String message = pass
                ? null
                : (expected.rank() == 0 ? "claimed " : "element " + worstElement.index() + " is ") + c[worst]
                        + ", expected " + e[worst];
        Judgement judgement = new Judgement(
                field,
                pass,
                message,
                largestFinite(maxAbs),
                maxRel == null ? null : largestFinite(maxRel),
                worstElement);
        return new Result(judgement, pass ? List.of() : hints(field, expected, claimed, conventions));
    }

    /**
     * An error figure as an answer can hold it: a difference beyond float64 (claimed 1e308 where -1e308 is
     * expected) is given as float64's largest number, which the failing field's message makes plain.
     */
    private static double largestFinite(double figure) {
        return Double.isFinite(figure) ? figure : Double.MAX_VALUE;
    }

    private List<Hint> hints(String field, Tensor expected, Tensor claimed, List<ConventionAnswer> conventions) {
        List<Hint> hints = new ArrayList<>();
        double[] e = expected.data();
        double[] c = claimed.data();
        Double k = fittedFactor(e, c);
        if (k != null && Math.abs(k + 1) <= 1e-6) {
            hints.add(new Hint(field, "sign", "the claimed numbers are the negatives of the expected ones"));
        } else if (k != null && Math.abs(k - 1) > 1e-6) {
            hints.add(new Hint(field, "scale", scaleMessage(k, e, c)));
        }
        if (expected.rank() == 2 && transposeMatches(expected, claimed)) {
            hints.add(new Hint(field, "transposed", "the claimed numbers are the transpose of the expected ones"));
        }
        if (withinFloat32(e, c)) {
            hints.add(new Hint(
                    field,
                    "float32",
                    "every element is within float32 rounding (2^-22 relative) of the expected one: a float32 "
                            + "implementation should check with rtol 1e-5"));
        }
        for (ConventionAnswer convention : conventions) {
            Tensor alternative = convention.field().apply(field);
            if (alternative != null
                    && Arrays.equals(alternative.shape(), claimed.shape())
                    && tolerance.acceptsAll(c, alternative.data())) {
                hints.add(new Hint(
                        field, "convention", "the claimed numbers are the answer under " + convention.description()));
            }
        }
        return hints;
    }

    /** k = sum c e / sum e^2 when claimed = k expected holds for every element within tolerance; else null. */
    private Double fittedFactor(double[] e, double[] c) {
        double cross = 0;
        double square = 0;
        for (int j = 0; j < e.length; j++) {
            cross += c[j] * e[j];
            square += e[j] * e[j];
        }
        if (square == 0 || !Double.isFinite(cross / square)) {
            return null;
        }
        double k = cross / square;
        for (int j = 0; j < e.length; j++) {
            if (!tolerance.accepts(c[j], k * e[j])) {
                return null;
            }
        }
        return k;
    }

    /**
     * Names the factor when one of the named factors (N, C, ..., 2, 1/2, or an inverse) itself explains the
     * claimed numbers within tolerance: rounded claims fit k = 1.99998 as well as k = 2, and 2 is the cause.
     */
    private String scaleMessage(double k, double[] e, double[] c) {
        Map<String, Double> candidates = new java.util.LinkedHashMap<>();
        for (NamedFactor factor : namedFactors) {
            candidates.put(factor.name() + ": the mean and sum mixed up, or a normalisation missing", factor.value());
            candidates.put(
                    "1 / " + factor.name() + ": a mean where a sum is expected, or an extra normalisation",
                    1 / factor.value());
        }
        candidates.put("2: perhaps the 1/2 of a squared loss is missing", 2.0);
        candidates.put("1/2: perhaps a 1/2 that the loss does not have", 0.5);
        for (Map.Entry<String, Double> candidate : candidates.entrySet()) {
            double factor = candidate.getValue();
            if (close(k, factor) || explains(factor, e, c)) {
                return "the claimed numbers are " + format(factor) + " times the expected ones (k = "
                        + candidate.getKey() + ")";
            }
        }
        return "the claimed numbers are " + format(k) + " times the expected ones";
    }

    private boolean explains(double factor, double[] e, double[] c) {
        for (int j = 0; j < e.length; j++) {
            if (!tolerance.accepts(c[j], factor * e[j])) {
                return false;
            }
        }
        return true;
    }

    private static boolean close(double k, double factor) {
        return Math.abs(k - factor) <= 1e-6 * Math.abs(factor);
    }

    private boolean transposeMatches(Tensor expected, Tensor claimed) {
        if (expected.rank() != 2 || claimed.rank() != 2) {
            return false;
        }
        int rows = expected.dimension(0);
        int cols = expected.dimension(1);
        if (claimed.dimension(0) != cols || claimed.dimension(1) != rows) {
            return false;
        }
        if (rows == cols && rows <= 1) {
            return false;
        }
        double[] e = expected.data();
        double[] c = claimed.data();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (!tolerance.accepts(c[j * rows + i], e[i * cols + j])) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean withinFloat32(double[] e, double[] c) {
        for (int k = 0; k < e.length; k++) {
            if (!(Math.abs(c[k] - e[k]) <= FLOAT32_RELATIVE * Math.abs(e[k]) + tolerance.atol())) {
                return false;
            }
        }
        return true;
    }

    private static String index(Tensor tensor, int k) {
        return tensor.rank() == 0 ? "" : tensor.path("", k);
    }

    private static String shape(int[] shape) {
        StringBuilder text = new StringBuilder("[");
        for (int axis = 0; axis < shape.length; axis++) {
            text.append(axis == 0 ? "" : " x ").append(shape[axis]);
        }
        return text.append("]").toString();
    }

    private static String format(double k) {
        return k == Math.rint(k) && Math.abs(k) < 1e15 ? String.valueOf((long) k) : String.valueOf(k);
    }
}
