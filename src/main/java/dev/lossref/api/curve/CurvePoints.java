package dev.lossref.api.curve;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A curve of one loss, as {@code GET /losses/{name}/curve} returns it.
 *
 * @param loss the loss's name
 * @param title the loss's title
 * @param axis the axis's name
 * @param axisLabel the axis as a plot labels it
 * @param parameters the hyperparameters the client chose (the rest are the defaults)
 * @param x the axis values
 * @param series the loss and its derivative along the axis, per series
 */
public record CurvePoints(
        String loss,
        String title,
        String axis,
        String axisLabel,
        Map<String, Object> parameters,
        double[] x,
        List<Series> series) {

    /**
     * @param name the series' name
     * @param loss the loss at every point (its contribution to value with reduction sum)
     * @param derivative d loss / d x at every point
     * @param secondDerivative d^2 loss / d x^2 at every point, when asked for (secondDerivative=true) and the
     *     loss has second derivatives; absent otherwise
     * @param targetLogit the target logit after the margin at every point, for the losses on the margin-softmax
     *     head (their answers' targetLogits); absent otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(
            String name, double[] loss, double[] derivative, double[] secondDerivative, double[] targetLogit) {}
}
