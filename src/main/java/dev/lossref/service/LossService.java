package dev.lossref.service;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.CatalogEntry;
import dev.lossref.catalog.LossOperation;
import dev.lossref.catalog.LossRequest;
import dev.lossref.core.Evaluation;
import dev.lossref.core.Forward;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.ReductionMode;
import dev.lossref.core.SecondOrderForward;
import dev.lossref.core.WorkLimits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Evaluates loss requests: reads the request (a step the caller supplies, so that parsing is timed
 * and counted too), applies the reduction, runs the backward pass when asked, and records
 * {@code losses.requests} (counter) and {@code losses.evaluation} (timer), tagged by loss and outcome.
 */
@Service
public class LossService {

    private final Catalog catalog;
    private final MeterRegistry meters;
    private final WorkLimits limits;
    private final Map<String, Meters> meterCache = new ConcurrentHashMap<>();

    public LossService(Catalog catalog, MeterRegistry meters, WorkLimits limits) {
        this.catalog = catalog;
        this.meters = meters;
        this.limits = limits;
    }

    /**
     * Evaluates the loss of that name ({@link dev.lossref.catalog.UnknownLossException} when the
     * catalog has none, before any metric is recorded, so unknown names cannot multiply the meters).
     *
     * @param name a loss name
     * @param body reads and parses the request body into the loss's request type
     */
    public LossResult evaluate(String name, RequestBody body) {
        return evaluate(catalog.require(name), body);
    }

    /** Evaluates the loss of an entry the caller has already looked up. */
    public LossResult evaluate(CatalogEntry entry, RequestBody body) {
        String name = entry.descriptor().name();
        return observe(name, () -> {
            long start = System.nanoTime();
            LossRequest request = body.read(entry.requestType());
            entry.declaredInputs().check(request);
            long read = System.nanoTime();
            ReductionMode mode = request.reductionMode();
            boolean hessians = request.wantsHessians();
            boolean newtonStep = request.wantsNewtonStep();
            Forward forward = request.forward(limits);
            if ((hessians || newtonStep) && !(forward instanceof SecondOrderForward)) {
                throw new InvalidInputException(
                        hessians ? "hessians" : "newtonStep",
                        "second derivatives are not available in this input mode");
            }
            Evaluation evaluation =
                    Evaluation.of(forward, request.reduction(forward), request.wantsGradients(), hessians, newtonStep);
            FiniteAnswers.require(evaluation, entry.descriptor());
            return new LossResult(name, mode, evaluation, read - start, System.nanoTime() - read);
        });
    }

    /**
     * Runs an operation a loss offers beside its evaluation (the exponential loss's boosting step): its
     * request, checked against the operation's declared inputs, computes the answer; metrics under {@code name}.
     */
    public Record operate(String name, LossOperation operation, Supplier<LossOperation.Request> body) {
        return observe(name, () -> {
            LossOperation.Request request = body.get();
            operation.declaredInputs().check(request);
            Record answer = request.run();
            FiniteAnswers.require(answer);
            return answer;
        });
    }

    /**
     * Runs one unit of work for an endpoint (an evaluation, a boosting step) and records its metrics
     * under {@code name}.
     */
    public <T> T observe(String name, Supplier<T> work) {
        long start = System.nanoTime();
        Outcome outcome = Outcome.ERROR;
        try {
            T result = work.get();
            outcome = Outcome.SUCCESS;
            return result;
        } catch (RuntimeException failure) {
            outcome = Outcome.of(failure);
            throw failure;
        } finally {
            record(name, outcome, System.nanoTime() - start);
        }
    }

    private void record(String name, Outcome outcome, long nanos) {
        Meters pair = this.meterCache.computeIfAbsent(
                name + '\u0000' + outcome.tag(),
                key -> new Meters(
                        Counter.builder("losses.requests")
                                .description("Loss evaluation requests, by loss and outcome")
                                .tag("loss", name)
                                .tag("outcome", outcome.tag())
                                .register(meters),
                        Timer.builder("losses.evaluation")
                                .description("Time to read, evaluate and differentiate one loss request")
                                .tag("loss", name)
                                .tag("outcome", outcome.tag())
                                .register(meters)));
        pair.requests().increment();
        pair.evaluation().record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The two meters of one loss and outcome, looked up once rather than built on every request. */
    private record Meters(Counter requests, Timer evaluation) {}
}
