package dev.lossref.catalog;

import dev.lossref.core.Tensor;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One series of a {@link Curve}: the request whose sample i sits at axis value x[i], and how the
 * derivative along the axis follows from that request's gradients (by the chain rule through the
 * input that x parameterises).
 */
public interface CurveSeries {

    /** The series' name in a legend, such as "similar pairs (y = 1)". */
    String name();

    /**
     * The request body's inputs (and any hyperparameters the series fixes) with one sample per axis
     * value; {@code parameters} are the hyperparameters the client chose, for axes that depend on them.
     */
    Map<String, Object> request(double[] x, Map<String, Object> parameters);

    /** d loss_i / d x_i, from the gradients of the request evaluated with reduction sum. */
    double derivative(int i, double x, Map<String, Tensor> gradients, Map<String, Object> parameters);

    /**
     * d^2 loss_i / d x_i^2 from the request's second derivatives, where the axis moves one model-side
     * input entry with slope 1 (so the second derivative along it is that entry's diagonal Hessian);
     * null where the series has none.
     */
    default Derivative secondDerivative() {
        return null;
    }

    /**
     * Whether every axis value needs a batch of its own: the pair losses, whose samples interact, so that
     * one request cannot hold independent points. {@link #request} then gets one x at a time, the point's
     * loss is that batch's reduced value (with the reduction {@link #request} sets, the mean by default),
     * and {@link #derivative} reads the batch's gradients with i = 0.
     */
    default boolean batchPerPoint() {
        return false;
    }

    /** A series of one batch per axis value (see {@link #batchPerPoint()}). */
    static CurveSeries batchPerPoint(
            String name, BiFunction<Double, Map<String, Object>, Map<String, Object>> request, Derivative derivative) {
        return new CurveSeries() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> request(double[] x, Map<String, Object> parameters) {
                return request.apply(x[0], parameters);
            }

            @Override
            public double derivative(int i, double x, Map<String, Tensor> gradients, Map<String, Object> parameters) {
                return derivative.at(i, x, gradients, parameters);
            }

            @Override
            public boolean batchPerPoint() {
                return true;
            }
        };
    }

    /**
     * A series whose derivative along the axis is entry i of the gradient of one input, and whose second
     * derivative is entry i of that input's second derivatives (the axis is the input itself).
     */
    static CurveSeries alongInput(String name, String input, Function<double[], Map<String, Object>> request) {
        Derivative entry =
                (i, x, derivatives, parameters) -> derivatives.get(input).data()[i];
        return of(name, (x, parameters) -> request.apply(x), entry, entry);
    }

    static CurveSeries of(
            String name,
            BiFunction<double[], Map<String, Object>, Map<String, Object>> request,
            Derivative derivative) {
        return of(name, request, derivative, null);
    }

    /** A series with a second derivative along the axis (see {@link #secondDerivative()}). */
    static CurveSeries of(
            String name,
            BiFunction<double[], Map<String, Object>, Map<String, Object>> request,
            Derivative derivative,
            Derivative secondDerivative) {
        return new CurveSeries() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> request(double[] x, Map<String, Object> parameters) {
                return request.apply(x, parameters);
            }

            @Override
            public double derivative(int i, double x, Map<String, Tensor> gradients, Map<String, Object> parameters) {
                return derivative.at(i, x, gradients, parameters);
            }

            @Override
            public Derivative secondDerivative() {
                return secondDerivative;
            }
        };
    }

    /** The derivative along the axis at point i. */
    @FunctionalInterface
    interface Derivative {
        double at(int i, double x, Map<String, Tensor> gradients, Map<String, Object> parameters);
    }
}
