package dev.lossref.service;

import dev.lossref.core.InvalidInputException;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.core.WorkLimitExceededException;

/** How a request ended, as a metric tag. */
enum Outcome {
    SUCCESS("success"),
    INVALID_INPUT("invalid-input"),
    UNREPRESENTABLE("unrepresentable"),
    REJECTED("rejected"),
    ERROR("error");

    private final String tag;

    Outcome(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    static Outcome of(RuntimeException failure) {
        if (failure instanceof InvalidInputException) {
            return INVALID_INPUT;
        }
        if (failure instanceof UnrepresentableResultException) {
            return UNREPRESENTABLE;
        }
        return failure instanceof RejectedRequestException || failure instanceof WorkLimitExceededException
                ? REJECTED
                : ERROR;
    }
}
