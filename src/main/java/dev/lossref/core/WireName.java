package dev.lossref.core;

/**
 * A choice that travels by name: the enums of hyperparameters ({@code reduction}, {@code mining},
 * {@code distance}) implement it, so that one reader turns a request's string into the constant and
 * the catalog lists the accepted names from the same constants.
 */
public interface WireName {

    /** The name used in requests and responses, such as {@code batch-hard}. */
    String wireName();

    /** The constant of {@code type} named {@code value}, or an {@link InvalidInputException} listing the names. */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String value, String field) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(value)) {
                return constant;
            }
        }
        StringBuilder known = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            known.append(known.length() == 0 ? "" : ", ")
                    .append('"')
                    .append(constant.wireName())
                    .append('"');
        }
        throw new InvalidInputException(field, "must be one of " + known);
    }
}
