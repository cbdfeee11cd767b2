package dev.lossref.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A documented alternative to one of a loss's conventions, as other implementations follow it
 * (ArcFace's detached margin, circle's detached weights, a margin read in degrees): the check of
 * API.md 9 evaluates the request as changed here and, when a client's numbers equal that answer, says
 * which convention they follow.
 *
 * @param description the convention as a hint names it, such as "ArcFace's detached margin"
 * @param change the request body changed to follow the convention, or null where the request already
 *     follows it (or it does not apply)
 */
public record AlternativeConvention(String description, UnaryOperator<Map<String, Object>> change) {

    /** The convention a boolean option selects when true, for a request that has it false (or unsent). */
    public static AlternativeConvention optionOn(String option, String description) {
        return new AlternativeConvention(description, body -> Boolean.TRUE.equals(body.get(option)) ? null
                : with(body, option, true));
    }

    /** The request's number {@code option} (default {@code defaultValue}) read in degrees: times pi / 180. */
    public static AlternativeConvention degrees(String option, double defaultValue, String description) {
        return new AlternativeConvention(description, body -> {
            double radians = body.get(option) instanceof Number sent ? sent.doubleValue() : defaultValue;
            return with(body, option, Math.toRadians(radians));
        });
    }

    private static Map<String, Object> with(Map<String, Object> body, String option, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(option, value);
        return changed;
    }
}
