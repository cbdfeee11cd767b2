package dev.lossref.core;

/**
 * A boolean hyperparameter of a loss and its default, declared once (see {@link RealParameter}).
 *
 * @param name the request field
 * @param defaultValue the value when the field is not sent
 */
public record FlagParameter(String name, boolean defaultValue) {

    public boolean valueOr(Boolean sent) {
        return sent == null ? defaultValue : sent;
    }
}
