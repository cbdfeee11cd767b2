package dev.lossref.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The gradients of a loss value, by input name, in the order the inputs are documented. */
public final class Gradients {

    private final Map<String, Tensor> byInput = new LinkedHashMap<>();

    public Gradients put(String input, Tensor gradient) {
        byInput.put(input, gradient);
        return this;
    }

    public Map<String, Tensor> asMap() {
        return Collections.unmodifiableMap(byInput);
    }
}
