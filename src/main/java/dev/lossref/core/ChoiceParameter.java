package dev.lossref.core;

import java.util.List;

/**
 * A hyperparameter that names one of a few choices (an enum with wire names), its default and the
 * choices a loss accepts, declared once (see {@link RealParameter}).
 *
 * @param name the request field
 * @param defaultValue the choice when the field is not sent, or null where the field is required
 * @param choices the accepted constants, in the order the catalog lists them
 */
public record ChoiceParameter<E extends Enum<E> & WireName>(String name, E defaultValue, List<E> choices) {

    public ChoiceParameter {
        choices = List.copyOf(choices);
    }

    @SafeVarargs
    public static <E extends Enum<E> & WireName> ChoiceParameter<E> of(String name, E defaultValue, E... choices) {
        return new ChoiceParameter<>(name, defaultValue, List.of(choices));
    }

    /** The choice sent or the default; a choice the loss does not accept is refused naming the parameter. */
    public E valueOr(E sent) {
        E value = sent == null ? defaultValue : sent;
        if (value != null && !choices.contains(value)) {
            throw new InvalidInputException(name, "\"" + value.wireName() + "\" is not supported by this loss");
        }
        return value;
    }

    /** The wire names of the choices. */
    public List<String> wireNames() {
        return choices.stream().map(WireName::wireName).toList();
    }
}
