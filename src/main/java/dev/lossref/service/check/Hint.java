package dev.lossref.service.check;

/**
 * A likely cause of a failing field, given only when the claimed numbers match it within tolerance.
 *
 * @param field the failing field
 * @param code {@code scale}, {@code sign}, {@code transposed}, {@code float32} or {@code convention}
 * @param message what the claimed numbers are, in words
 */
public record Hint(String field, String code, String message) {}
