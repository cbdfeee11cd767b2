package dev.lossref.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A runnable request body: shown in the catalog and in Swagger UI, posted by the tests, and the
 * starting point of the gradient check.
 *
 * @param name what the example shows, such as "linear model (logistic regression)"
 * @param body the JSON request body, written as {@code request} in the catalog (docs/http-api.md 7)
 * @param exactGradient false where an option makes the gradient a documented convention rather than
 *     the derivative of the value (ArcFace's detachMargin), so that finite differences cannot check it
 */
public record Example(
        String name, @JsonProperty("request") @JsonRawValue String body, boolean exactGradient) {

    public Example(String name, String body) {
        this(name, body, true);
    }

    /** An example whose gradients are a convention (see {@link #exactGradient}). */
    public static Example withConventionalGradient(String name, String body) {
        return new Example(name, body, false);
    }
}
