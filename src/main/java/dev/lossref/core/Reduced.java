package dev.lossref.core;

/**
 * A reduction applied to one batch.
 *
 * @param value the reduced loss, sum_i c_i perSample_i (before any penalty of the model)
 * @param coefficients c_i, what the backward pass multiplies each sample's derivatives by
 */
public record Reduced(double value, Coefficients coefficients) {}
