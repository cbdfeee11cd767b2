package dev.lossref.core;

/** An evaluation would create more work than {@link WorkLimits} allows (answered 413). */
public final class WorkLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkLimitExceededException(String message) {
        super(message);
    }
}
