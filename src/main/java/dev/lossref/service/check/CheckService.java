package dev.lossref.service.check;

import dev.lossref.catalog.AlternativeConvention;
import dev.lossref.catalog.Catalog;
import dev.lossref.core.Evaluation;
import dev.lossref.core.InputCheck;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Tensor;
import dev.lossref.service.LossResult;
import dev.lossref.service.LossService;
import dev.lossref.service.RequestBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/**
 * Checks a client's own numbers for a request (docs/http-api.md 7): evaluates the request exactly as {@code POST
 * /losses/{name}} would and judges each claimed field, with the hints that the claimed numbers verify: a
 * scale named by what it is (the mean's denominator, measured by evaluating the request under a sum; N, C,
 * 2), the sign, a transpose, float32, and the loss's documented alternative conventions.
 */
@Service
public class CheckService {

    public static final double DEFAULT_RTOL = 1e-9;
    public static final double DEFAULT_ATOL = 1e-12;

    private final Catalog catalog;
    private final LossService service;

    public CheckService(Catalog catalog, LossService service) {
        this.catalog = catalog;
        this.service = service;
    }

    /**
     * @param name the loss
     * @param request the client's request, as a tree of names, numbers and lists
     * @param claimed the client's numbers by field ({@code value}, {@code perSample}, {@code gradients.x},
     *     {@code hessians.x}); at least one
     * @param rtol the relative tolerance in [0, 1], or null for 1e-9
     * @param atol the absolute tolerance in [0, 1], or null for 1e-12
     * @param bodies how a request tree is read, as a client's body is
     */
    public CheckReport check(
            String name,
            Map<String, Object> request,
            Map<String, Tensor> claimed,
            Double rtol,
            Double atol,
            RequestBodies bodies) {
        double relative = tolerance(rtol, DEFAULT_RTOL, "rtol");
        double absolute = tolerance(atol, DEFAULT_ATOL, "atol");
        LossResult result = service.evaluate(name, bodies.of(request));
        Map<String, Tensor> expected = claimable(result.evaluation());
        for (String field : claimed.keySet()) {
            if (!expected.containsKey(field)) {
                throw new InvalidInputException(
                        "claimed." + field,
                        "is not a field of this answer; its fields are: " + String.join(", ", expected.keySet()));
            }
        }
        List<NamedFactor> factors = new ArrayList<>();
        meansDenominator(name, request, result, bodies)
                .ifPresent(denominator -> factors.add(new NamedFactor(
                        "the mean's denominator (N, the sum of the class weights, or what the loss's mean divides by)",
                        denominator)));
        for (NamedFactor factor : namedFactors(result.evaluation())) {
            if (factors.stream().noneMatch(known -> known.name().equals(factor.name()))) {
                factors.add(factor);
            }
        }
        Judge judge = new Judge(relative, absolute, factors);
        List<ConventionAnswer> conventions = conventions(name, request, bodies);
        List<Judgement> fields = new ArrayList<>();
        List<Hint> hints = new ArrayList<>();
        for (Map.Entry<String, Tensor> claim : claimed.entrySet()) {
            Judge.Result verdict =
                    judge.judge(claim.getKey(), expected.get(claim.getKey()), claim.getValue(), conventions);
            fields.add(verdict.judgement());
            hints.addAll(verdict.hints());
        }
        List<String> unclaimed = expected.keySet().stream()
                .filter(field -> !claimed.containsKey(field))
                .toList();
        boolean pass = fields.stream().allMatch(Judgement::pass);
        return new CheckReport(name, pass ? "pass" : "fail", relative, absolute, fields, unclaimed, hints);
    }

    /**
     * The answer under each alternative convention the loss declares, evaluated only when a failing field
     * asks for it (and then once); a convention that does not apply to this request is left out.
     */
    private List<ConventionAnswer> conventions(String name, Map<String, Object> request, RequestBodies bodies) {
        List<ConventionAnswer> answers = new ArrayList<>();
        for (AlternativeConvention convention : catalog.require(name).alternativeConventions()) {
            Map<String, Object> changed = convention.change().apply(new LinkedHashMap<>(request));
            if (changed == null) {
                continue;
            }
            AtomicReference<Map<String, Tensor>> answer = new AtomicReference<>();
            answers.add(new ConventionAnswer(convention.description(), field -> {
                Map<String, Tensor> fields = answer.updateAndGet(known -> known != null
                        ? known
                        : convention
                                .answerChange()
                                .apply(
                                        changed,
                                        claimable(service.evaluate(name, bodies.of(changed))
                                                .evaluation())));
                return fields == null ? null : fields.get(convention.answerField(field));
            }));
        }
        return answers;
    }

    private static double tolerance(Double sent, double defaultValue, String field) {
        if (sent == null) {
            return defaultValue;
        }
        new InputCheck()
                .require(sent >= 0 && sent <= 1, field, "must be in [0, 1], got " + sent)
                .throwIfFailed();
        return sent;
    }

    /** The fields of the answer a client may claim, by name, in the answer's order. */
    public static Map<String, Tensor> claimable(Evaluation evaluation) {
        Map<String, Tensor> fields = new LinkedHashMap<>();
        fields.put("value", Tensor.scalar(evaluation.value()));
        fields.put("perSample", evaluation.perSampleTensor());
        if (evaluation.gradients() != null) {
            evaluation.gradients().asMap().forEach((input, gradient) -> fields.put("gradients." + input, gradient));
        }
        if (evaluation.hessians() != null) {
            evaluation.hessians().asMap().forEach((input, hessian) -> fields.put("hessians." + input, hessian));
        }
        return fields;
    }

    /**
     * What the request's mean divides by, measured: the value under reduction sum over the value under
     * the mean (a weighted mean divides by the weights' sum, CTC's by target lengths); empty for a sum, a
     * zero value, or a loss whose mean is not one division (Proxy-Anchor's two divisors give no single k).
     */
    private Optional<Double> meansDenominator(
            String name, Map<String, Object> request, LossResult result, RequestBodies bodies) {
        String reduction = result.reduction().wireName();
        if (!(reduction.equals("mean") || reduction.equals("batchmean"))
                || result.evaluation().value() == 0) {
            return Optional.empty();
        }
        Map<String, Object> sum = new LinkedHashMap<>(request);
        sum.put("reduction", "sum");
        sum.remove("hessians");
        sum.remove("newtonStep");
        double summed = service.evaluate(name, bodies.of(sum)).evaluation().value();
        double denominator = summed / result.evaluation().value();
        return Double.isFinite(denominator) && denominator > 0 && Math.abs(denominator - 1) > 1e-12
                ? Optional.of(denominator)
                : Optional.empty();
    }

    /**
     * The factors a scale hint names: N (the samples of perSample, N d for an elementwise loss), the rows
     * of an elementwise loss's input, and C (the columns of a matrix-shaped gradient, such as the classes).
     */
    private static List<NamedFactor> namedFactors(Evaluation evaluation) {
        List<NamedFactor> factors = new ArrayList<>();
        Tensor perSample = evaluation.perSampleTensor();
        if (perSample.data().length > 1) {
            factors.add(new NamedFactor(
                    perSample.rank() > 1 ? "N d, the number of elements" : "N, the number of terms of the mean",
                    perSample.data().length));
        }
        if (perSample.rank() > 1 && perSample.dimension(0) > 1) {
            factors.add(new NamedFactor("N, the number of rows", perSample.dimension(0)));
        }
        if (evaluation.gradients() != null) {
            for (Tensor gradient : evaluation.gradients().asMap().values()) {
                if (gradient.rank() == 2 && gradient.dimension(1) > 1) {
                    factors.add(new NamedFactor("C, the number of columns (classes)", gradient.dimension(1)));
                    break;
                }
            }
        }
        return factors;
    }
}
