package dev.lossref.api.curve;

import java.util.List;
import java.util.Locale;

/**
 * A line plot as a standalone SVG document: axes with round-numbered ticks, one path per series, a
 * legend and a title. Colours come from CSS inside the SVG, with a dark variant for
 * {@code prefers-color-scheme: dark}; the background is transparent. No JavaScript.
 */
final class SvgPlot {

    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 44;
    private static final int BOTTOM = 52;
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
    };

    /** One line: its legend name and its points (non-finite values leave a gap). */
    record Line(String name, double[] x, double[] y) {}

    private SvgPlot() {}

    static String render(String title, String xLabel, String yLabel, List<Line> lines) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Line line : lines) {
            for (int i = 0; i < line.x().length; i++) {
                if (Double.isFinite(line.y()[i])) {
                    xMin = Math.min(xMin, line.x()[i]);
                    xMax = Math.max(xMax, line.x()[i]);
                    yMin = Math.min(yMin, line.y()[i]);
                    yMax = Math.max(yMax, line.y()[i]);
                }
            }
        }
        if (!(yMin < yMax)) {
            double[] around = around(Double.isFinite(yMin) ? yMin : 0);
            yMin = around[0];
            yMax = around[1];
        }
        if (!(xMin < xMax)) {
            double[] around = around(Double.isFinite(xMin) ? xMin : 0);
            xMin = around[0];
            xMax = around[1];
        }
        double[] xTicks = ticks(xMin, xMax);
        double[] yTicks = ticks(yMin, yMax);
        xMin = Math.min(xMin, xTicks[0]);
        xMax = Math.max(xMax, xTicks[xTicks.length - 1]);
        yMin = Math.min(yMin, yTicks[0]);
        yMax = Math.max(yMax, yTicks[yTicks.length - 1]);
        Frame frame = new Frame(xMin, xMax, yMin, yMax);
        Legend legend = Legend.place(lines, frame);
        int height = Math.max(HEIGHT, legend.y() + legend.height() + 4);

        StringBuilder svg = new StringBuilder(16_384);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-labelledby=\"title\" font-family=\"system-ui, sans-serif\">\n");
        svg.append("<title id=\"title\">").append(escape(title)).append("</title>\n");
        svg.append("<style>\n")
                .append(".text{fill:#222;font-size:13px}.title{font-size:15px;font-weight:600}")
                .append(".axis{stroke:#444;stroke-width:1.2}.grid{stroke:#ccc;stroke-width:0.6}")
                .append(".legend-box{fill:#fff;fill-opacity:0.85;stroke:#bbb}.line{fill:none;stroke-width:2.2}\n")
                .append("@media (prefers-color-scheme: dark){.text{fill:#e6e6e6}.axis{stroke:#bbb}.grid{stroke:#555}")
                .append(".legend-box{fill:#1e1e1e;stroke:#666}}\n")
                .append("</style>\n");
        svg.append("<text class=\"text title\" x=\"")
                .append(WIDTH / 2)
                .append("\" y=\"24\" text-anchor=\"middle\">")
                .append(escape(title))
                .append("</text>\n");
        svg.append("<g class=\"grid-lines\">\n");
        for (double tick : xTicks) {
            svg.append(line("grid", frame.x(tick), TOP, frame.x(tick), HEIGHT - BOTTOM));
        }
        for (double tick : yTicks) {
            svg.append(line("grid", LEFT, frame.y(tick), WIDTH - RIGHT, frame.y(tick)));
        }
        svg.append("</g>\n<g class=\"x-axis\">\n");
        svg.append(line("axis", LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        for (double tick : xTicks) {
            svg.append(line("axis", frame.x(tick), HEIGHT - BOTTOM, frame.x(tick), HEIGHT - BOTTOM + 5));
            svg.append(text(frame.x(tick), HEIGHT - BOTTOM + 19, "middle", format(tick)));
        }
        svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 10, "middle", xLabel));
        svg.append("</g>\n<g class=\"y-axis\">\n");
        svg.append(line("axis", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        for (double tick : yTicks) {
            svg.append(line("axis", LEFT - 5, frame.y(tick), LEFT, frame.y(tick)));
            svg.append(text(LEFT - 8, frame.y(tick) + 4, "end", format(tick)));
        }
        svg.append("<text class=\"text\" transform=\"translate(16,")
                .append(fixed((TOP + HEIGHT - BOTTOM) / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(escape(yLabel))
                .append("</text>\n");
        svg.append("</g>\n<g class=\"series\">\n");
        for (int k = 0; k < lines.size(); k++) {
            svg.append("<path class=\"line\" stroke=\"")
                    .append(COLOURS[k % COLOURS.length])
                    .append("\" data-series=\"")
                    .append(escape(lines.get(k).name()))
                    .append("\" d=\"")
                    .append(path(lines.get(k), frame))
                    .append("\"/>\n");
        }
        svg.append("</g>\n").append(legend(lines, legend)).append("</svg>\n");
        return svg.toString();
    }

    /**
     * The legend's box: in the first corner of the plot (top right, top left, bottom right, bottom left) that
     * no curve passes through, else below the plot, which then grows: a legend never covers a curve.
     */
    private record Legend(int x, int y, int width, int height) {

        static Legend place(List<Line> lines, Frame frame) {
            int width = 12
                    + 24
                    + 8
                            * lines.stream()
                                    .mapToInt(line -> line.name().length())
                                    .max()
                                    .orElse(4);
            int height = 10 + 18 * lines.size();
            int right = WIDTH - RIGHT - width - 8;
            int bottom = HEIGHT - BOTTOM - height - 8;
            for (int[] corner :
                    new int[][] {{right, TOP + 8}, {LEFT + 8, TOP + 8}, {right, bottom}, {LEFT + 8, bottom}}) {
                Legend legend = new Legend(corner[0], corner[1], width, height);
                if (lines.stream().noneMatch(line -> legend.crosses(line, frame))) {
                    return legend;
                }
            }
            return new Legend(LEFT, HEIGHT + 2, width, height);
        }

        /** Whether the line passes through the box (its points and the midpoints between them, 3 px around). */
        boolean crosses(Line line, Frame frame) {
            double previousX = Double.NaN;
            double previousY = Double.NaN;
            for (int i = 0; i < line.x().length; i++) {
                if (!Double.isFinite(line.y()[i])) {
                    previousX = Double.NaN;
                    continue;
                }
                double px = frame.x(line.x()[i]);
                double py = frame.y(line.y()[i]);
                if (covers(px, py)
                        || (!Double.isNaN(previousX) && covers((px + previousX) / 2, (py + previousY) / 2))) {
                    return true;
                }
                previousX = px;
                previousY = py;
            }
            return false;
        }

        private boolean covers(double px, double py) {
            return px >= x - 3 && px <= x + width + 3 && py >= y - 3 && py <= y + height + 3;
        }
    }

    private static String legend(List<Line> lines, Legend box) {
        int x = box.x();
        int y = box.y();
        int width = box.width();
        int height = box.height();
        StringBuilder legend = new StringBuilder("<g class=\"legend\">\n");
        legend.append("<rect class=\"legend-box\" x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" rx=\"4\"/>\n");
        for (int k = 0; k < lines.size(); k++) {
            int row = y + 14 + 18 * k;
            legend.append("<line class=\"line\" stroke=\"")
                    .append(COLOURS[k % COLOURS.length])
                    .append("\" x1=\"")
                    .append(x + 8)
                    .append("\" y1=\"")
                    .append(row - 4)
                    .append("\" x2=\"")
                    .append(x + 28)
                    .append("\" y2=\"")
                    .append(row - 4)
                    .append("\"/>\n");
            legend.append(text(x + 34, row, "start", lines.get(k).name()));
        }
        return legend.append("</g>\n").toString();
    }

    private static String path(Line line, Frame frame) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < line.x().length; i++) {
            double y = line.y()[i];
            if (!Double.isFinite(y)) {
                pen = false;
                continue;
            }
            d.append(pen ? 'L' : 'M')
                    .append(fixed(frame.x(line.x()[i])))
                    .append(' ')
                    .append(fixed(frame.y(y)));
            pen = true;
        }
        return d.toString();
    }

    /**
     * A range around a flat curve's one value c: c +- max(1, |c| / 1024), moved inside float64 where c is
     * near its end (a loss of 1.8e308 at every point), so the plot has a height to divide by.
     */
    private static double[] around(double c) {
        double half = Math.max(1, Math.abs(c) * 0x1p-10);
        if (c + half == Double.POSITIVE_INFINITY) {
            return new double[] {c - 2 * half, c};
        }
        if (c - half == Double.NEGATIVE_INFINITY) {
            return new double[] {c, c + 2 * half};
        }
        return new double[] {c - half, c + half};
    }

    /**
     * Round ticks (1, 2 or 5 times a power of ten) covering [low, high], about six of them; for a range too
     * small or too large for round steps in float64, its two ends.
     */
    static double[] ticks(double low, double high) {
        double[] ends = low == high ? new double[] {low} : new double[] {low, high};
        double raw = high / 6 - low / 6;
        if (!(raw > 0) || !Double.isFinite(raw) || raw < Double.MIN_NORMAL) {
            return ends;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / magnitude < 1.5
                ? magnitude
                : raw / magnitude < 3.5 ? 2 * magnitude : raw / magnitude < 7.5 ? 5 * magnitude : 10 * magnitude;
        double first = Math.floor(low / step) * step;
        double steps = Math.floor((high + step * 0.999 - first) / step) + 1;
        if (!Double.isFinite(first) || !(steps >= 1 && steps <= 100)) {
            return ends;
        }
        int count = (int) steps;
        double[] ticks = new double[count];
        for (int k = 0; k < count; k++) {
            double tick = first + k * step;
            ticks[k] = Math.abs(tick) < step * 1e-9 ? 0 : tick;
        }
        return ticks;
    }

    private static String line(String type, double x1, double y1, double x2, double y2) {
        return "<line class=\"" + type + "\" x1=\"" + fixed(x1) + "\" y1=\"" + fixed(y1) + "\" x2=\"" + fixed(x2)
                + "\" y2=\"" + fixed(y2) + "\"/>\n";
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text class=\"text\" x=\"" + fixed(x) + "\" y=\"" + fixed(y) + "\" text-anchor=\"" + anchor + "\">"
                + escape(content) + "</text>\n";
    }

    private static String format(double value) {
        String text = String.format(Locale.ROOT, "%.4g", value);
        if (text.contains("e")) {
            return text;
        }
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /** An SVG coordinate; a non-finite one is a bug (a curve's points are checked before they are drawn). */
    private static String fixed(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("a coordinate of the plot is not finite: a bug");
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** Data coordinates to SVG coordinates. */
    private record Frame(double xMin, double xMax, double yMin, double yMax) {
        double x(double value) {
            return LEFT + fraction(value, xMin, xMax) * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            return HEIGHT - BOTTOM - fraction(value, yMin, yMax) * (HEIGHT - TOP - BOTTOM);
        }

        /** Where value sits in [low, high]; a range as wide as float64's is halved first, not to overflow. */
        private static double fraction(double value, double low, double high) {
            double range = high - low;
            return Double.isFinite(range) ? (value - low) / range : (value / 2 - low / 2) / (high / 2 - low / 2);
        }
    }
}
