package dev.lossref.service.check;

/**
 * The verdict on one claimed field.
 *
 * @param field the field, such as {@code gradients.logits}
 * @param pass whether every element is within atol + rtol |expected|
 * @param message what went wrong, or null when it passed
 * @param maxAbsError the largest |claimed - expected|; null when the shapes differ
 * @param maxRelError the largest |claimed - expected| / |expected| over expected != 0; null when the shapes differ
 *     or every expected element is 0
 * @param worst the element with the largest |claimed - expected| / (atol + rtol |expected|); null when the
 *     shapes differ
 */
public record Judgement(
        String field, boolean pass, String message, Double maxAbsError, Double maxRelError, Worst worst) {

    /**
     * @param index the element's index path, such as {@code [1][2]}, or "" for a scalar
     */
    public record Worst(String index, double expected, double claimed) {}
}
