package dev.lossref.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lossref.core.ChoiceParameter;
import dev.lossref.core.FlagParameter;
import dev.lossref.core.IntegerParameter;
import dev.lossref.core.RealParameter;
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
 * @param requirement when it may or must be sent (most are optional; a linear model's l2 only with features)
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
        String paperValue,
        @JsonIgnore Requirement requirement) {

    /** A real hyperparameter, its default and bounds as the core declares them. */
    public static Hyperparameter of(RealParameter parameter, String symbol, String description) {
        return new Hyperparameter(
                parameter.name(),
                symbol,
                "number",
                parameter.defaultValue(),
                bound(parameter.minimum()),
                parameter.excludesMinimum(),
                bound(parameter.maximum()),
                parameter.excludesMaximum(),
                null,
                false,
                null,
                description,
                null,
                Requirement.OPTIONAL);
    }

    /** An integer hyperparameter, its default and bounds as the core declares them. */
    public static Hyperparameter of(IntegerParameter parameter, String symbol, String description) {
        return new Hyperparameter(
                parameter.name(),
                symbol,
                "integer",
                parameter.defaultValue(),
                BigDecimal.valueOf(parameter.minimum()),
                false,
                parameter.maximum() == Integer.MAX_VALUE ? null : BigDecimal.valueOf(parameter.maximum()),
                false,
                null,
                false,
                null,
                description,
                null,
                Requirement.OPTIONAL);
    }

    /** An integer that has no default: absent means the setting is off (such as ignoreIndex). */
    public static Hyperparameter optionalInteger(String name, String description) {
        return new Hyperparameter(
                name,
                null,
                "integer",
                null,
                null,
                false,
                null,
                false,
                null,
                false,
                null,
                description,
                null,
                Requirement.OPTIONAL);
    }

    /** A boolean hyperparameter and its default as the core declares it. */
    public static Hyperparameter of(FlagParameter parameter, String description) {
        return new Hyperparameter(
                parameter.name(),
                null,
                "boolean",
                parameter.defaultValue(),
                null,
                false,
                null,
                false,
                null,
                false,
                null,
                description,
                null,
                Requirement.OPTIONAL);
    }

    /**
     * A choice among wire names, its default (null where the field is required) and choices as the core declares them.
     */
    public static Hyperparameter of(ChoiceParameter<?> parameter, String description) {
        return new Hyperparameter(
                parameter.name(),
                null,
                "string",
                parameter.defaultValue() == null
                        ? null
                        : parameter.defaultValue().wireName(),
                null,
                false,
                null,
                false,
                parameter.wireNames(),
                false,
                null,
                description,
                null,
                Requirement.OPTIONAL);
    }

    public Hyperparameter withPaperValue(String value) {
        return new Hyperparameter(
                name,
                symbol,
                type,
                defaultValue,
                minimum,
                exclusiveMinimum,
                maximum,
                exclusiveMaximum,
                allowedValues,
                nullable,
                unit,
                description,
                value,
                requirement);
    }

    public Hyperparameter withUnit(String value) {
        return new Hyperparameter(
                name,
                symbol,
                type,
                defaultValue,
                minimum,
                exclusiveMinimum,
                maximum,
                exclusiveMaximum,
                allowedValues,
                nullable,
                value,
                description,
                paperValue,
                requirement);
    }

    public Hyperparameter asNullable() {
        return new Hyperparameter(
                name,
                symbol,
                type,
                defaultValue,
                minimum,
                exclusiveMinimum,
                maximum,
                exclusiveMaximum,
                allowedValues,
                true,
                unit,
                description,
                paperValue,
                requirement);
    }

    /** This hyperparameter, accepted only when one of these fields is sent (l2 and newtonStep with features). */
    public Hyperparameter onlyWith(String... fields) {
        return withRequirement(Requirement.onlyWith(fields));
    }

    /** This hyperparameter, needed exactly when {@code field} is sent (triplet's mining with embeddings). */
    public Hyperparameter requiredWith(String field) {
        return withRequirement(Requirement.requiredWith(field));
    }

    private Hyperparameter withRequirement(Requirement value) {
        return new Hyperparameter(
                name,
                symbol,
                type,
                defaultValue,
                minimum,
                exclusiveMinimum,
                maximum,
                exclusiveMaximum,
                allowedValues,
                nullable,
                unit,
                description,
                paperValue,
                value);
    }

    /** The requirement as the catalog states it, where it is not simply optional. */
    @JsonProperty("requirement")
    public String requirementText() {
        return requirement instanceof Requirement.Optional ? null : requirement.text();
    }

    private static BigDecimal bound(double value) {
        return Double.isInfinite(value) ? null : BigDecimal.valueOf(value);
    }
}
