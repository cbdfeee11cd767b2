package dev.lossref.catalog;

import dev.lossref.core.InvalidInputException;

/** Checks on which alternative inputs a request sent. */
public final class Inputs {

    private Inputs() {}

    /** Exactly one of two alternative inputs must be sent. */
    public static void exactlyOne(Object first, String firstName, Object second, String secondName) {
        if (first == null && second == null) {
            throw new InvalidInputException(firstName, "send either " + firstName + " or " + secondName);
        }
        if (first != null && second != null) {
            throw new InvalidInputException(
                    secondName, "send either " + firstName + " or " + secondName + ", not both");
        }
    }
}
