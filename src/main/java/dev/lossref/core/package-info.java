/**
 * The computation core: plain Java on flat {@code double[]} arrays, no Spring, no Jackson.
 *
 * <p>Every loss follows the same two-step contract, like an autograd graph of one node: a forward
 * pass ({@link dev.lossref.core.Forward}) computes the per-sample losses and keeps what its backward
 * pass needs; a {@link dev.lossref.core.Reduction} value reduces them to the value and gives each sample's
 * coefficient; {@link dev.lossref.core.Evaluation#of} runs the backward pass with those coefficients. Invalid input is
 * reported by
 * {@link dev.lossref.core.InvalidInputException} naming the field and index.
 */
package dev.lossref.core;
