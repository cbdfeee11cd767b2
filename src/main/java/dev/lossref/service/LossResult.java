package dev.lossref.service;

import dev.lossref.core.Evaluation;
import dev.lossref.core.Reduction;

/**
 * One evaluated request.
 *
 * @param loss the loss's name
 * @param reduction the reduction applied
 * @param evaluation the value, per-sample losses, gradients and extra outputs
 */
public record LossResult(String loss, Reduction reduction, Evaluation evaluation) {
}
