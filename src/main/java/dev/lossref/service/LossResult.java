package dev.lossref.service;

import dev.lossref.core.Evaluation;
import dev.lossref.core.ReductionMode;

/**
 * One evaluated request.
 *
 * @param loss the loss's name
 * @param reduction the reduction applied
 * @param evaluation the value, per-sample losses, gradients and extra outputs
 * @param readNanos the time spent reading and parsing the request
 * @param computeNanos the time spent in the forward and backward passes
 */
public record LossResult(
        String loss, ReductionMode reduction, Evaluation evaluation, long readNanos, long computeNanos) {}
