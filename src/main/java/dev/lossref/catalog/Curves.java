package dev.lossref.catalog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Building blocks for the curves of the catalog entries: the common axes and their requests. */
public final class Curves {

    private Curves() {}

    /** Losses of the margin m = y f: scores x with labels +1, so that m = x. */
    public static Curve margin(String scoresField, String labelsField, Object positiveLabel) {
        return Curve.of(
                "margin",
                "margin m = y f",
                -3,
                3,
                CurveSeries.alongInput(
                        "loss",
                        scoresField,
                        x -> fields(scoresField, x, labelsField, filled(x.length, positiveLabel))));
    }

    /**
     * The angle theta between a unit embedding (cos theta, sin theta, 0) and its class weight (1, 0, 0), with
     * the other class weight (0, 0, 1) at a right angle to every embedding: the other logit stays that of
     * cos = 0, so the curve is the loss of the target angle alone and rises with theta, as the papers draw
     * it. (With the other weight in the embedding's plane the loss fell again past theta of about 2.3, where
     * the embedding turns away from the other class too.) d/dtheta by the chain rule through the embedding.
     */
    public static Curve angle(String classField, Map<String, Object> fixed) {
        return Curve.of(
                "theta",
                "angle to the class weight, theta (radians); the other class at a right angle",
                0,
                Math.PI,
                CurveSeries.of(
                        "loss",
                        (x, p) -> {
                            double[][] embeddings = new double[x.length][];
                            for (int i = 0; i < x.length; i++) {
                                embeddings[i] = atAngle(x[i]);
                            }
                            Map<String, Object> request =
                                    fields("embeddings", embeddings, classField, twoClassesAtARightAngle());
                            request.put("labels", new int[x.length]);
                            request.putAll(fixed);
                            return request;
                        },
                        (i, theta, gradients, p) -> {
                            return alongTheAngle(
                                    theta, gradients.get("embeddings").data(), i);
                        }));
    }

    /** The unit embedding (cos theta, sin theta, 0) of the angle curves. */
    public static double[] atAngle(double theta) {
        return new double[] {Math.cos(theta), Math.sin(theta), 0};
    }

    /** The angle curves' classes: (1, 0, 0) for the target, (0, 0, 1) at a right angle to every {@link #atAngle}. */
    public static double[][] twoClassesAtARightAngle() {
        return new double[][] {{1, 0, 0}, {0, 0, 1}};
    }

    /** d loss / d theta from the gradient g of the {@code i}-th {@link #atAngle} embedding, by the chain rule. */
    public static double alongTheAngle(double theta, double[] g, int i) {
        return -Math.sin(theta) * g[3 * i] + Math.cos(theta) * g[3 * i + 1];
    }

    /** An ordered map of request fields, from name-value pairs. */
    public static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int k = 0; k < pairs.length; k += 2) {
            fields.put((String) pairs[k], pairs[k + 1]);
        }
        return fields;
    }

    /** A column [[x_0], [x_1], ...]: one 1-D vector per point. */
    public static double[][] column(double[] x) {
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = new double[] {x[i]};
        }
        return rows;
    }

    /** The same value (an int label or a double target) for every point. */
    public static Object filled(int length, Object value) {
        if (value instanceof Integer label) {
            int[] labels = new int[length];
            Arrays.fill(labels, label);
            return labels;
        }
        double[] values = new double[length];
        Arrays.fill(values, ((Number) value).doubleValue());
        return values;
    }

    public static double[] ones(int length) {
        double[] ones = new double[length];
        Arrays.fill(ones, 1);
        return ones;
    }
}
