package dev.lossref.api;

import dev.lossref.core.WorkLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what one request may ask of the service.
 *
 * @param maxRequestBytes the largest request body accepted, in bytes; larger bodies answer 413
 * @param maxElements the most numbers (array elements) one request may hold; more answer 413
 * @param maxNestingDepth the deepest JSON nesting accepted (requests need 1 + Tensor.MAX_RANK)
 * @param maxStringLength the longest JSON string accepted, in characters
 * @param maxNumberLength the longest JSON number literal accepted, in characters
 * @param maxTriplets the most triplets one request may mine; more answer 413
 * @param maxCtcCells the most cells N T (2S + 1) of CTC's alignment lattices one request may fill; more answer 413
 * @param maxSimilarityCells the most cells of the similarity or distance matrix of a metric-learning loss
 *     (N x N, or N x C against proxies); more answer 413
 * @param maxHessianDimension the most weights a linear model may have when its Hessian or Newton step is asked
 *     for (d^2 numbers, N d^2 operations, d^3 / 3 for Cholesky); more answer 413
 * @param maxNumbersInFlight the most numbers all requests together may hold while they are served,
 *     counted for each request as the most its body could hold (its length / 2, at most max-elements);
 *     a request that would go beyond answers 503 with Retry-After, so that the heap is never exhausted
 * @param retryAfterSeconds the Retry-After of a 503
 * @param concurrentComputations how many requests compute at once once their bodies have arrived; 0 for two per
 *     processor (at least four); the others wait their turn in arrival order ({@link WorkSlots})
 * @param minUploadBytesPerSecond the slowest average rate at which a request body may arrive once the grace
 *     period is over; a slower one answers 408 and its connection is closed
 * @param uploadGracePeriod how long a request body may take before the minimum rate applies
 */
@Validated
@ConfigurationProperties("losses.limits")
public record LimitsProperties(
        @DefaultValue("134217728") @Positive long maxRequestBytes,

        @DefaultValue("16000000") @Positive @Max(Integer.MAX_VALUE)
        long maxElements,

        @DefaultValue("32") @Positive int maxNestingDepth,
        @DefaultValue("10000") @Positive int maxStringLength,
        @DefaultValue("400") @Positive int maxNumberLength,

        @DefaultValue("4000000") @Positive @Max(Integer.MAX_VALUE / 3)
        long maxTriplets,

        @DefaultValue("1024") @Positive @Max(46_340) int maxHessianDimension,
        @DefaultValue("50000000") @Positive long maxCtcCells,

        @DefaultValue("16777216") @Positive @Max(Integer.MAX_VALUE - 8)
        long maxSimilarityCells,

        @DefaultValue("48000000") @Positive @Max(Integer.MAX_VALUE)
        long maxNumbersInFlight,

        @DefaultValue("1") @Positive int retryAfterSeconds,
        @DefaultValue("0") @PositiveOrZero int concurrentComputations,
        @DefaultValue("1024") @Positive long minUploadBytesPerSecond,
        @DefaultValue("5s") Duration uploadGracePeriod) {

    /** The limits the core enforces while it computes. */
    public WorkLimits workLimits() {
        return new WorkLimits(maxTriplets, maxHessianDimension, maxCtcCells, maxSimilarityCells);
    }
}
