package dev.lossref.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lossref.core.Tensor;
import dev.lossref.service.LossResult;
import java.util.Map;

/**
 * The response of {@code POST /losses/{name}} (docs/http-api.md 3).
 *
 * @param loss the loss's name
 * @param reduction the reduction applied
 * @param value the reduced loss
 * @param perSample the loss of each sample
 * @param gradients d value / d input for every model-side input sent; absent when not requested
 * @param hessians second derivatives of value (docs/http-api.md 6); absent unless requested
 * @param newtonStep -H^-1 g over a linear model's weights and bias; absent unless requested
 * @param extras outputs particular to a loss (such as {@code updatedCenters}), written as top-level fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"loss", "reduction", "value", "perSample", "gradients", "hessians", "newtonStep"})
public record LossResponse(
        String loss,
        String reduction,
        double value,
        Tensor perSample,
        Map<String, Tensor> gradients,
        Map<String, Tensor> hessians,
        Map<String, Tensor> newtonStep,
        @JsonAnyGetter Map<String, Tensor> extras) {

    /**
     * Every tensor of the answer by its dotted name: value, perSample, gradients.x, hessians.x, newtonStep.x, extras.
     */
    java.util.Map<String, Tensor> tensors() {
        java.util.Map<String, Tensor> tensors = new java.util.LinkedHashMap<>();
        tensors.put("value", Tensor.scalar(value));
        tensors.put("perSample", perSample);
        java.util.Map<String, Map<String, Tensor>> groups = new java.util.LinkedHashMap<>();
        groups.put("gradients", gradients);
        groups.put("hessians", hessians);
        groups.put("newtonStep", newtonStep);
        groups.forEach((group, members) -> {
            if (members != null) {
                members.forEach((input, tensor) -> tensors.put(group + "." + input, tensor));
            }
        });
        tensors.putAll(extras);
        return tensors;
    }

    static LossResponse of(LossResult result) {
        var evaluation = result.evaluation();
        return new LossResponse(
                result.loss(),
                result.reduction().wireName(),
                evaluation.value(),
                evaluation.perSampleTensor(),
                evaluation.gradients() == null ? null : evaluation.gradients().asMap(),
                evaluation.hessians() == null ? null : evaluation.hessians().asMap(),
                evaluation.newtonStep() == null ? null : evaluation.newtonStep().asMap(),
                evaluation.extras());
    }
}
