package dev.lossref.api.npz;

import dev.lossref.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * From the service's answers to archives (docs/http-api.md 8): an answer's fields become float64 arrays, int64 for
 * index outputs and 0-d strings for names ({@link NpzBinder} goes the other way, into requests).
 */
public final class NpzConversions {

    public static final String MEDIA_TYPE = "application/x-npz";

    private NpzConversions() {}

    /**
     * The answer as arrays: {@code loss} and {@code reduction} as 0-d strings, {@code value} 0-d, then
     * every tensor field by its dotted name ({@code gradients.logits}, {@code newtonStep.weights}).
     */
    public static Map<String, NpyArray> answer(String loss, String reduction, Map<String, Tensor> tensors) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("loss", new NpyArray("loss", new int[0], new double[0], NpyArray.Kind.STRING, loss));
        arrays.put("reduction", new NpyArray("reduction", new int[0], new double[0], NpyArray.Kind.STRING, reduction));
        tensors.forEach((name, tensor) -> arrays.put(
                name,
                new NpyArray(
                        name,
                        tensor.shape(),
                        tensor.data(),
                        tensor.integral() ? NpyArray.Kind.INTEGER : NpyArray.Kind.FLOAT,
                        null)));
        return arrays;
    }
}
