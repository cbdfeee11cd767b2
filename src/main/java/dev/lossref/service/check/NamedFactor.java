package dev.lossref.service.check;

/**
 * A factor worth naming in a scale hint: claimed = k x expected, with k one of these or its inverse, is a
 * known mistake.
 *
 * @param name what the factor is, such as "N, the number of terms of the mean"
 * @param value its value for this request
 */
public record NamedFactor(String name, double value) {}
