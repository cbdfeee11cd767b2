/**
 * The computation core: plain Java on flat {@code double[]} arrays, no Spring, no Jackson.
 *
 * <p>Every loss follows the same two-step contract, like an autograd graph of one node: a forward
 * pass ({@link dev.lossref.core.Forward}) computes the per-sample losses and keeps what its backward
 * pass needs; {@link dev.lossref.core.Evaluation#of} reduces them and, on request, runs the backward
 * pass with the reduction's coefficient. Invalid input is reported by
 * {@link dev.lossref.core.InvalidInputException} naming the field and index.
 */
package dev.lossref.core;
