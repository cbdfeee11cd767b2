package dev.lossref.api;

import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.CatalogEntry;
import dev.lossref.catalog.EdgeRegion;
import dev.lossref.catalog.Example;
import dev.lossref.core.InputCheck;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.UnrepresentableResultException;
import dev.lossref.service.LossResult;
import dev.lossref.service.LossService;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /losses/{name}/cases} (API.md 9): trusted test cases from a seeded generator. Case i
 * comes from the i-th source, cycling through the loss's examples (its input modes, with seeded noise on
 * every model-side input) and then its edge regions (drawn by the region itself). Each response is
 * what {@code POST /losses/{name}} answers for the request, by the same code path.
 */
@RestController
@RequestMapping("/losses")
class CasesController {

    static final int MAX_COUNT = 100;
    /** Spacing of the per-case seeds: the golden ratio's 64-bit fraction, SplittableRandom's own gamma. */
    private static final long SEED_STEP = 0x9E3779B97F4A7C15L;

    private final Catalog catalog;
    private final LossService service;
    private final RequestReader reader;
    private final JsonMapper mapper;

    CasesController(Catalog catalog, LossService service, RequestReader reader, JsonMapper mapper) {
        this.catalog = catalog;
        this.service = service;
        this.reader = reader;
        this.mapper = mapper;
    }

    record Case(String name, Map<String, Object> request, LossResponse response) {}

    record CasesResponse(String loss, long seed, int count, List<Case> cases) {}

    private record Source(String name, Function<SplittableRandom, Map<String, Object>> draw) {}

    @Hidden
    @GetMapping(path = "/{name}/cases", produces = MediaType.APPLICATION_JSON_VALUE)
    CasesResponse cases(
            @PathVariable String name,
            @RequestParam(required = false) String count,
            @RequestParam(required = false) String seed) {
        CatalogEntry entry = catalog.require(name);
        int cases = (int) integer(count, 10, 1, MAX_COUNT, "count");
        long start = integer(seed, 1, Long.MIN_VALUE, Long.MAX_VALUE, "seed");
        List<Source> sources = new ArrayList<>();
        for (Example example : entry.descriptor().examples()) {
            sources.add(new Source(example.name(), random -> nearby(entry, example, random)));
        }
        for (EdgeRegion region : entry.descriptor().edgeRegions()) {
            sources.add(new Source(region.name(), region.draw()));
        }
        List<Case> drawn = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            Source source = sources.get(i % sources.size());
            Map<String, Object> request = source.draw().apply(new SplittableRandom(start + SEED_STEP * (i + 1)));
            drawn.add(new Case(source.name() + " #" + (i + 1), request, LossResponse.of(evaluate(entry, request))));
        }
        return new CasesResponse(name, start, cases, drawn);
    }

    private LossResult evaluate(CatalogEntry entry, Map<String, Object> request) {
        byte[] json = mapper.writeValueAsBytes(request);
        return service.evaluate(entry, type -> reader.readEmbedded(json, type));
    }

    /**
     * The example with seeded normal noise on every model-side input (those the answer has a gradient
     * for); where the noise leaves the input's domain (a probability above 1) it is tried smaller, and at
     * worst the example itself is the case.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> nearby(CatalogEntry entry, Example example, SplittableRandom random) {
        Map<String, Object> body = mapper.readValue(example.body(), Map.class);
        LossResult atExample = evaluate(entry, body);
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
                evaluate(entry, candidate);
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

    private static long integer(String text, long defaultValue, long minimum, long maximum, String field) {
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException notAnInteger) {
            throw new InvalidInputException(
                    field, "must be an integer in [" + minimum + ", " + maximum + "], got " + text);
        }
        new InputCheck()
                .require(
                        value >= minimum && value <= maximum,
                        field,
                        "must be an integer in [" + minimum + ", " + maximum + "], got " + text)
                .throwIfFailed();
        return value;
    }
}
