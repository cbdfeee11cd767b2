package dev.lossref.catalog;

import java.util.List;

/**
 * How a loss is drawn: its natural one-dimensional axis (margin, residual, p_t, angle, distance) and
 * one or more series, each a request whose samples sit at the axis values. The points are computed
 * by evaluating that request with the loss's own code, the same as {@code POST /losses/{name}}.
 *
 * @param axis the axis's name, such as {@code margin}
 * @param axisLabel the axis as a plot labels it, such as {@code m = y f}
 * @param from the default start of the range
 * @param to the default end of the range
 * @param series what is drawn along the axis
 */
public record Curve(String axis, String axisLabel, double from, double to, List<CurveSeries> series) {

    public Curve {
        series = List.copyOf(series);
        if (!(from < to) || series.isEmpty()) {
            throw new IllegalArgumentException("a curve needs from < to and at least one series");
        }
    }

    public static Curve of(String axis, String axisLabel, double from, double to, CurveSeries... series) {
        return new Curve(axis, axisLabel, from, to, List.of(series));
    }
}
