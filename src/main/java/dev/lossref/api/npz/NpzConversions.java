package dev.lossref.api.npz;

import dev.lossref.core.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Between archives and the service's requests and answers (API.md 10): an archive's arrays become the
 * request's fields (0-d arrays its numbers, booleans and strings; a 0-size array null, except [N x 0]),
 * and an answer's fields become float64 arrays, int64 for index outputs and 0-d strings for names.
 */
public final class NpzConversions {

    public static final String MEDIA_TYPE = "application/x-npz";

    private NpzConversions() {
    }

    /** The request body the archive stands for, as JSON values (read then by the strict JSON reader). */
    public static Map<String, Object> request(Map<String, NpyArray> arrays) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (NpyArray array : arrays.values()) {
            body.put(array.name(), value(array));
        }
        return body;
    }

    private static Object value(NpyArray array) {
        if (array.kind() == NpyArray.Kind.STRING) {
            return array.text();
        }
        int[] shape = array.shape();
        if (array.size() == 0) {
            if (shape.length >= 2 && shape[0] > 0) {
                List<Object> rows = new ArrayList<>();
                for (int i = 0; i < shape[0]; i++) {
                    rows.add(List.of());
                }
                return rows;
            }
            return null;
        }
        if (shape.length == 0) {
            return element(array, 0);
        }
        return nested(array, 0, 0);
    }

    private static Object nested(NpyArray array, int axis, int offset) {
        int[] shape = array.shape();
        int stride = 1;
        for (int later = axis + 1; later < shape.length; later++) {
            stride *= shape[later];
        }
        List<Object> items = new ArrayList<>(shape[axis]);
        for (int i = 0; i < shape[axis]; i++) {
            items.add(axis == shape.length - 1 ? element(array, offset + i) : nested(array, axis + 1, offset + i * stride));
        }
        return items;
    }

    private static Object element(NpyArray array, int k) {
        double x = array.data()[k];
        return switch (array.kind()) {
            case BOOLEAN -> x != 0;
            case INTEGER -> (long) x;
            default -> x;
        };
    }

    /**
     * The answer as arrays: {@code loss} and {@code reduction} as 0-d strings, {@code value} 0-d, then
     * every tensor field by its dotted name ({@code gradients.logits}, {@code newtonStep.weights}).
     */
    public static Map<String, NpyArray> answer(String loss, String reduction, Map<String, Tensor> tensors) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("loss", new NpyArray("loss", new int[0], new double[0], NpyArray.Kind.STRING, loss));
        arrays.put("reduction", new NpyArray("reduction", new int[0], new double[0], NpyArray.Kind.STRING, reduction));
        tensors.forEach((name, tensor) -> arrays.put(name, new NpyArray(name, tensor.shape(), tensor.data(),
                tensor.integral() ? NpyArray.Kind.INTEGER : NpyArray.Kind.FLOAT, null)));
        return arrays;
    }
}
