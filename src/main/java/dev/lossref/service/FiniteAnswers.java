package dev.lossref.service;

import dev.lossref.catalog.InputSpec;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.Shape;
import dev.lossref.core.Evaluation;
import dev.lossref.core.Gradients;
import dev.lossref.core.Parallel;
import dev.lossref.core.Tensor;
import dev.lossref.core.UnrepresentableResultException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * The one guarantee that no answer holds NaN or Infinity: every number of an evaluation (value, perSample,
 * gradients, Hessians, Newton step, extra outputs) and of an operation's answer passes this check before
 * it is written, and the first that float64 cannot represent becomes a 422 naming the output field, its
 * index, and the sample it belongs to. The writers (JSON, npz, SVG) refuse non-finite numbers outright, so a
 * number that slipped past here would be a bug, never a string in an answer.
 */
final class FiniteAnswers {

    private FiniteAnswers() {}

    static void require(Evaluation evaluation, LossDescriptor loss) {
        requireFinite("value", Tensor.scalar(evaluation.value()), null);
        requireFinite("perSample", evaluation.perSampleTensor(), null);
        require("gradients", evaluation.gradients(), loss);
        require("hessians", evaluation.hessians(), loss);
        require("newtonStep", evaluation.newtonStep(), loss);
        evaluation.extras().forEach((name, tensor) -> requireFinite(name, tensor, null));
    }

    /** The numbers of an operation's answer, a record of numbers and tensors. */
    static void require(Record answer) {
        for (RecordComponent component : answer.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(answer);
            } catch (IllegalAccessException | InvocationTargetException failure) {
                throw new IllegalStateException("cannot read " + component.getName(), failure);
            }
            if (value instanceof Tensor tensor) {
                requireFinite(component.getName(), tensor, null);
            } else if (value instanceof Double number) {
                requireFinite(component.getName(), Tensor.scalar(number), null);
            }
        }
    }

    private static void require(String group, Gradients tensors, LossDescriptor loss) {
        if (tensors == null) {
            return;
        }
        for (Map.Entry<String, Tensor> entry : tensors.asMap().entrySet()) {
            requireFinite(group + "." + entry.getKey(), entry.getValue(), perSampleInput(loss, entry.getKey()));
        }
    }

    /** The input of that name when its first axis is the batch, whose rows are the samples; else null. */
    private static String perSampleInput(LossDescriptor loss, String input) {
        for (InputSpec spec : loss.inputs()) {
            if (spec.name().equals(input)
                    && spec.shapes().stream()
                            .allMatch(shape -> shape instanceof Shape.Axes axes
                                    && !axes.names().isEmpty()
                                    && axes.names().get(0).equals("N"))) {
                return input;
            }
        }
        return null;
    }

    private static void requireFinite(String field, Tensor tensor, String perSampleInput) {
        double[] data = tensor.data();
        int k = Parallel.firstNonFinite(data);
        if (k < 0) {
            return;
        }
        String sample = "";
        if (perSampleInput != null && tensor.rank() > 0) {
            int row = k / (data.length / tensor.dimension(0));
            sample = "; it belongs to sample " + row + " (" + perSampleInput + "[" + row + "])";
        }
        throw new UnrepresentableResultException(
                tensor.path(field, k),
                (Double.isNaN(data[k])
                                ? "cannot be computed in float64 (an intermediate result overflowed)"
                                : "overflows float64")
                        + " for this input"
                        + sample);
    }
}
