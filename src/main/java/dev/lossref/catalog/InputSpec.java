package dev.lossref.catalog;

/**
 * One array (or number) of a request.
 *
 * @param name the field name
 * @param kind the JSON shape of the field
 * @param shape the shape in symbols, such as {@code [N x C]}
 * @param requirement when it must be sent: {@code required}, {@code optional}, or which alternative it belongs to
 * @param description what it holds
 */
public record InputSpec(String name, Kind kind, String shape, String requirement, String description) {

    /** The JSON shape of an input. */
    public enum Kind {
        /** A JSON number. */
        NUMBER,
        /** An array of numbers. */
        NUMBER_VECTOR,
        /** An array of integers (labels). */
        INTEGER_VECTOR,
        /** An array of equal-length arrays of numbers. */
        NUMBER_MATRIX,
        /** An array of numbers, or an array of equal-length arrays of numbers ([N] or [N x d]). */
        NUMBER_TENSOR
    }

    public static InputSpec required(String name, Kind kind, String shape, String description) {
        return new InputSpec(name, kind, shape, "required", description);
    }

    public static InputSpec optional(String name, Kind kind, String shape, String description) {
        return new InputSpec(name, kind, shape, "optional", description);
    }

    public static InputSpec oneOf(String name, Kind kind, String shape, String alternatives, String description) {
        return new InputSpec(name, kind, shape, "exactly one of " + alternatives, description);
    }
}
