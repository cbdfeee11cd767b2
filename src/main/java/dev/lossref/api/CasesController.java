package dev.lossref.api;

import dev.lossref.core.InputCheck;
import dev.lossref.core.InvalidInputException;
import dev.lossref.service.RequestBody;
import dev.lossref.service.check.CaseService;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /losses/{name}/cases} (docs/http-api.md 7): the HTTP side of the test cases. It reads and checks the
 * count and the seed and writes each case's answer as {@code POST /losses/{name}} would; {@link CaseService}
 * draws them.
 */
@RestController
@RequestMapping("/losses")
class CasesController {

    static final int MAX_COUNT = 100;

    private final CaseService cases;
    private final RequestReader reader;
    private final JsonMapper mapper;

    CasesController(CaseService cases, RequestReader reader, JsonMapper mapper) {
        this.cases = cases;
        this.reader = reader;
        this.mapper = mapper;
    }

    record Case(String name, Map<String, Object> request, LossResponse response) {}

    record CasesResponse(String loss, long seed, int count, List<Case> cases) {}

    @Hidden
    @GetMapping(path = "/{name}/cases", produces = MediaType.APPLICATION_JSON_VALUE)
    CasesResponse cases(
            @PathVariable String name,
            @RequestParam(required = false) String count,
            @RequestParam(required = false) String seed) {
        int number = (int) integer(count, 10, 1, MAX_COUNT, "count");
        long start = integer(seed, 1, Long.MIN_VALUE, Long.MAX_VALUE, "seed");
        List<Case> drawn = cases.cases(name, start, number, this::tree, this::bodyOf).stream()
                .map(drawnCase -> new Case(drawnCase.name(), drawnCase.request(), LossResponse.of(drawnCase.answer())))
                .toList();
        return new CasesResponse(name, start, number, drawn);
    }

    /** An example's JSON body as a tree of names, numbers and lists. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> tree(String json) {
        return mapper.readValue(json, Map.class);
    }

    /** A request tree read as a client's body is, with the same strictness and messages. */
    private RequestBody bodyOf(Map<String, Object> request) {
        byte[] json = mapper.writeValueAsBytes(request);
        return type -> reader.readEmbedded(json, type);
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
