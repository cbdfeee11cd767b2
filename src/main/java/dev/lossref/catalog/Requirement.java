package dev.lossref.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * When a request field must, may or must not be sent, declared once with the field ({@link InputSpec},
 * {@link Hyperparameter}) and checked for every request by {@link DeclaredInputs}.
 */
public sealed interface Requirement {

    Requirement REQUIRED = new Required();
    Requirement OPTIONAL = new Optional();

    /** Exactly one field of the group is sent: alternative inputs, such as logits or probabilities. */
    static Requirement oneOf(String... group) {
        return new OneOf(List.of(group));
    }

    /** Optional, and accepted only when one of these fields is sent (a linear model's l2 with features). */
    static Requirement onlyWith(String... anyOf) {
        return new With(List.of(anyOf), false);
    }

    /** Sent exactly when {@code field} is (a linear model's weights with its features). */
    static Requirement requiredWith(String field) {
        return new With(List.of(field), true);
    }

    /** How the catalog states it. */
    @JsonValue
    String text();

    /** A field the request must always have. */
    record Required() implements Requirement {
        @Override
        public String text() {
            return "required";
        }
    }

    /** A field the request may leave out. */
    record Optional() implements Requirement {
        @Override
        public String text() {
            return "optional";
        }
    }

    /** One of alternative fields, of which exactly one is sent. */
    record OneOf(List<String> group) implements Requirement {
        public OneOf {
            group = List.copyOf(group);
        }

        @Override
        public String text() {
            return "exactly one of " + String.join(", ", group);
        }
    }

    /**
     * A field that belongs to others: accepted only when one of {@code anyOf} is sent, and with {@code
     * required}, then also needed.
     */
    record With(List<String> anyOf, boolean required) implements Requirement {
        public With {
            anyOf = List.copyOf(anyOf);
        }

        @Override
        public String text() {
            return (required ? "required with " : "optional, only with ") + String.join(" or ", anyOf);
        }
    }
}
