package dev.lossref.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One array (or number) of a request, declared once: its shape with named axes, when it must be sent, and
 * what it holds. {@link DeclaredInputs} checks every request against these declarations; OpenAPI, the
 * catalog and README render them.
 *
 * @param name the field name
 * @param kind whether its entries are real numbers or integers
 * @param shapes the shapes it may have (alternatives of different ranks: [N] or [N x d])
 * @param requirement when it must be sent
 * @param description what it holds
 */
@JsonPropertyOrder({"name", "kind", "shape", "requirement", "description"})
public record InputSpec(
        String name, Kind kind, @JsonIgnore List<Shape> shapes, Requirement requirement, String description) {

    /** The entries of an input. */
    public enum Kind {
        /** Finite real numbers. */
        NUMBER,
        /** JSON integers (labels, lengths, indices, counts). */
        INTEGER
    }

    public InputSpec {
        shapes = List.copyOf(shapes);
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException(name + ": an input has at least one shape");
        }
    }

    /** Real numbers of one shape. */
    public static InputSpec numbers(String name, Shape shape, Requirement requirement, String description) {
        return new InputSpec(name, Kind.NUMBER, List.of(shape), requirement, description);
    }

    /** Real numbers of either of several shapes, of different ranks. */
    public static InputSpec numbers(String name, List<Shape> shapes, Requirement requirement, String description) {
        return new InputSpec(name, Kind.NUMBER, shapes, requirement, description);
    }

    /** Integers of one shape. */
    public static InputSpec integers(String name, Shape shape, Requirement requirement, String description) {
        return new InputSpec(name, Kind.INTEGER, List.of(shape), requirement, description);
    }

    /** The shapes in the catalog's notation: {@code [N] or [N x d]}. */
    @JsonProperty("shape")
    public String shape() {
        return shapes.stream().map(Shape::notation).collect(Collectors.joining(" or "));
    }
}
