/**
 * Losses on one score per sample (0-1, square, exponential, hinge, binary cross-entropy), the linear
 * model whose scores are X w + b and its chain rule, and the AdaBoost step.
 */
package dev.lossref.core.scores;
