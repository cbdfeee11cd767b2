package dev.lossref.catalog;

import dev.lossref.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A documented alternative to one of a loss's conventions, as other implementations follow it
 * (ArcFace's detached margin, circle's detached weights, a margin read in degrees): the check of
 * docs/http-api.md 7 evaluates the request as changed here and, when a client's numbers equal that answer, says
 * which convention they follow.
 *
 * @param description the convention as a hint names it, such as "ArcFace's detached margin"
 * @param change the request body changed to follow the convention, or null where the request already
 *     follows it (or it does not apply)
 * @param answerFields where a claimed field is found in the changed request's answer, when the change
 *     renames an input (claimed {@code gradients.logProbabilities} is answered as {@code gradients.logits});
 *     fields not listed keep their names
 * @param answerChange how the answer itself differs under the convention, given the request (a constant
 *     in a clamp, say); the identity for conventions that are a change of the request
 */
public record AlternativeConvention(
        String description,
        UnaryOperator<Map<String, Object>> change,
        Map<String, String> answerFields,
        BiFunction<Map<String, Object>, Map<String, Tensor>, Map<String, Tensor>> answerChange) {

    public AlternativeConvention(String description, UnaryOperator<Map<String, Object>> change) {
        this(description, change, Map.of(), (request, answer) -> answer);
    }

    /**
     * A convention that changes the answer to the same request: {@code answerChange} gets the request and
     * the answer's fields ({@code value}, {@code perSample}, {@code gradients.x}) and returns the fields as
     * the convention gives them, or null where it does not apply to this request.
     */
    public static AlternativeConvention ofAnswer(
            String description,
            BiFunction<Map<String, Object>, Map<String, Tensor>, Map<String, Tensor>> answerChange) {
        return new AlternativeConvention(description, body -> body, Map.of(), answerChange);
    }

    /** The numbers of a JSON array of any depth (a request field), in row-major order. */
    public static double[] numbers(Object field) {
        java.util.stream.DoubleStream.Builder numbers = java.util.stream.DoubleStream.builder();
        collect(field, numbers);
        return numbers.build().toArray();
    }

    private static void collect(Object field, java.util.stream.DoubleStream.Builder numbers) {
        if (field instanceof java.util.List<?> list) {
            list.forEach(element -> collect(element, numbers));
        } else if (field instanceof Number number) {
            numbers.add(number.doubleValue());
        }
    }

    /** The field of the changed request's answer that a claimed field is compared with. */
    public String answerField(String claimedField) {
        return answerFields.getOrDefault(claimedField, claimedField);
    }

    /**
     * An input sent under another name: the request's {@code from} input is sent as {@code to}, and the
     * claimed gradient of {@code from} is compared with the answer's gradient of {@code to}.
     */
    public static AlternativeConvention inputAs(String from, String to, String description) {
        return new AlternativeConvention(
                description,
                body -> {
                    if (!body.containsKey(from)) {
                        return null;
                    }
                    Map<String, Object> changed = new LinkedHashMap<>(body);
                    changed.put(to, changed.remove(from));
                    return changed;
                },
                Map.of("gradients." + from, "gradients." + to),
                (request, answer) -> answer);
    }

    /** The convention a boolean option selects when true, for a request that has it false (or unsent). */
    public static AlternativeConvention optionOn(String option, String description) {
        return new AlternativeConvention(
                description, body -> Boolean.TRUE.equals(body.get(option)) ? null : with(body, option, true));
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
