package dev.lossref.catalog;

/**
 * One field of the response.
 *
 * @param name the field name ({@code gradients.logits} for a gradient)
 * @param shape the shape in symbols
 * @param description what it holds
 */
public record OutputSpec(String name, String shape, String description) {}
