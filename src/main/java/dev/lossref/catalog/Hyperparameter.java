package dev.lossref.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * A scalar setting of a loss.
 *
 * @param name the field name
 * @param symbol the symbol in the formula, such as {@code \varepsilon}
 * @param type {@code number}, {@code integer}, {@code boolean} or {@code string}
 * @param defaultValue the value used when the field is absent or null
 * @param minimum the lower bound, or null
 * @param exclusiveMinimum whether the lower bound itself is excluded
 * @param maximum the upper bound, or null
 * @param exclusiveMaximum whether the upper bound itself is excluded
 * @param allowedValues for strings, the accepted values
 * @param nullable whether an explicit null means something other than the default
 * @param unit the unit, such as radians, or null
 * @param description what it does
 * @param paperValue the value the paper used, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hyperparameter(
        String name,
        String symbol,
        String type,
        Object defaultValue,
        BigDecimal minimum,
        boolean exclusiveMinimum,
        BigDecimal maximum,
        boolean exclusiveMaximum,
        List<String> allowedValues,
        boolean nullable,
        String unit,
        String description,
        String paperValue) {

    /** A number in [minimum, maximum] (either bound may be null). */
    public static Hyperparameter number(String name, String symbol, double defaultValue, Double minimum, Double maximum,
            String description) {
        return new Hyperparameter(name, symbol, "number", defaultValue, decimal(minimum), false, decimal(maximum), false,
                null, false, null, description, null);
    }

    /** A number strictly above zero. */
    public static Hyperparameter positive(String name, String symbol, double defaultValue, String description) {
        return new Hyperparameter(name, symbol, "number", defaultValue, BigDecimal.ZERO, true, null, false, null, false,
                null, description, null);
    }

    public static Hyperparameter integer(String name, String symbol, int defaultValue, Integer minimum, Integer maximum,
            String description) {
        return new Hyperparameter(name, symbol, "integer", defaultValue,
                minimum == null ? null : BigDecimal.valueOf(minimum), false,
                maximum == null ? null : BigDecimal.valueOf(maximum), false, null, false, null, description, null);
    }

    public static Hyperparameter bool(String name, boolean defaultValue, String description) {
        return new Hyperparameter(name, null, "boolean", defaultValue, null, false, null, false, null, false, null,
                description, null);
    }

    public static Hyperparameter choice(String name, String defaultValue, List<String> allowedValues, String description) {
        return new Hyperparameter(name, null, "string", defaultValue, null, false, null, false, List.copyOf(allowedValues),
                false, null, description, null);
    }

    public Hyperparameter withPaperValue(String value) {
        return new Hyperparameter(name, symbol, type, defaultValue, minimum, exclusiveMinimum, maximum, exclusiveMaximum,
                allowedValues, nullable, unit, description, value);
    }

    public Hyperparameter withUnit(String value) {
        return new Hyperparameter(name, symbol, type, defaultValue, minimum, exclusiveMinimum, maximum, exclusiveMaximum,
                allowedValues, nullable, value, description, paperValue);
    }

    public Hyperparameter asNullable() {
        return new Hyperparameter(name, symbol, type, defaultValue, minimum, exclusiveMinimum, maximum, exclusiveMaximum,
                allowedValues, true, unit, description, paperValue);
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
