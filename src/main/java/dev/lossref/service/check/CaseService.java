package dev.lossref.service.check;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.CatalogEntry;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.service.LossResult;
import dev.lossref.service.LossService;
import dev.lossref.service.RequestBodies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Trusted test cases from a seeded generator (docs/http-api.md 7): case i comes from the i-th source, cycling through
 * the loss's examples (its input modes, with seeded noise on every model-side input) and then its edge
 * regions (drawn by the region itself). Each answer is what {@code POST /losses/{name}} gives for the
 * request, by the same code path.
 */
@Service
public class CaseService {

    /** Spacing of the per-case seeds: the golden ratio's 64-bit fraction, SplittableRandom's own gamma. */
    private static final long SEED_STEP = 0x9E3779B97F4A7C15L;

    private final Catalog catalog;
    private final LossService service;

    public CaseService(Catalog catalog, LossService service) {
        this.catalog = catalog;
        this.service = service;
    }

    /**
     * One test case.
     *
     * @param name the example or edge region it comes from, and its number
     * @param request the request, as a tree of names, numbers and lists
     * @param answer what the service answers for it
     */
    public record TestCase(String name, Map<String, Object> request, LossResult answer) {}

    private record Source(String name, Function<SplittableRandom, Map<String, Object>> draw) {}

    /**
     * @param examples how an example's JSON body becomes a request tree
     * @param bodies how a request tree is read, as a client's body is
     */
    public List<TestCase> cases(
            String name, long seed, int count, Function<String, Map<String, Object>> examples, RequestBodies bodies) {
        CatalogEntry entry = catalog.require(name);
        List<Source> sources = new ArrayList<>();
        for (Example example : entry.descriptor().examples()) {
            sources.add(new Source(
                    example.name(), random -> nearby(entry, examples.apply(example.body()), random, bodies)));
        }
        for (EdgeRegion region : entry.descriptor().edgeRegions()) {
            sources.add(new Source(region.name(), region.draw()));
        }
        List<TestCase> drawn = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Source source = sources.get(i % sources.size());
            Map<String, Object> request = source.draw().apply(new SplittableRandom(seed + SEED_STEP * (i + 1)));
            drawn.add(
                    new TestCase(source.name() + " #" + (i + 1), request, service.evaluate(entry, bodies.of(request))));
        }
        return drawn;
    }

    /**
     * The example with seeded normal noise on every model-side input (those the answer has a gradient
     * for); where the noise leaves the input's domain (a probability above 1) it is tried smaller, and at
     * worst the example itself is the case.
     */
    private Map<String, Object> nearby(
            CatalogEntry entry, Map<String, Object> body, SplittableRandom random, RequestBodies bodies) {
        LossResult atExample = service.evaluate(entry, bodies.of(body));
        if (atExample.evaluation().gradients() == null) {
            return body;
        }
        for (double spread = 0.3; spread > 1e-3; spread /= 3) {
            Map<String, Object> candidate = new LinkedHashMap<>(body);
            for (String input : atExample.evaluation().gradients().asMap().keySet()) {
                if (candidate.containsKey(input)) {
                    candidate.put(input, perturb(candidate.get(input), spread, random));
                }
            }
            try {
                service.evaluate(entry, bodies.of(candidate));
                return candidate;
            } catch (InvalidInputException | UnrepresentableResultException outsideTheDomain) {
                // The noise left the input's domain: try closer to the example.
            }
        }
        return body;
    }

    private static Object perturb(Object value, double spread, SplittableRandom random) {
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(perturb(element, spread, random));
            }
            return copy;
        }
        if (value instanceof Number number) {
            return number.doubleValue() + spread * EdgeRegion.gaussian(random);
        }
        return value;
    }
}
