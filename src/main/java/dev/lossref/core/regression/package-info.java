/**
 * Elementwise regression losses on predictions and targets of one shape: l1, smooth L1,
 * Huber, log-cosh, quantile, Poisson and Gaussian negative log-likelihood, with first and second
 * derivatives.
 */
package dev.lossref.core.regression;
