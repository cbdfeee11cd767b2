package dev.lossref.api.json;

/**
 * Thrown when the JSON fast path meets something it does not judge itself (a ragged row, a number that
 * is not finite or not an integer where one is needed, broken syntax): the request is then read again,
 * whole, by the strict readers, which report the problem with its field and index.
 */
public final class FastPathDeclined extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FastPathDeclined() {
        super("the JSON fast path leaves this body to the strict readers", null, false, false);
    }
}
