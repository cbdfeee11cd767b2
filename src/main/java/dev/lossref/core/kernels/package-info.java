/**
 * Shared kernels, written once and used by every family: stable log-sum-exp, softplus and log1p
 * ({@code Numerics}), the max-shifted softmax ({@code Softmax}), matrix products, row normalisation
 * and its backward pass, and pairwise distances. They know no loss.
 */
package dev.lossref.core.kernels;
