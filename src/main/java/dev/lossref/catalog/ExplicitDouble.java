package dev.lossref.catalog;

/**
 * A number field whose explicit {@code null} means something other than its absence (focal's
 * {@code alpha}: absent is the default, null is "no weighting"). An absent field reads as a null
 * reference; an explicit null as an {@code ExplicitDouble} holding null.
 *
 * @param value the number sent, or null when null was sent
 */
public record ExplicitDouble(Double value) {}
