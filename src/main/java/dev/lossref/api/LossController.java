package dev.lossref.api;

import dev.lossref.api.npz.NpzConversions;
import dev.lossref.catalog.Catalog;
import dev.lossref.catalog.LossDescriptor;
import dev.lossref.catalog.LossOperation;
import dev.lossref.service.LossResult;
import dev.lossref.service.LossService;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The loss endpoints. One handler serves every loss: the catalog maps the name to the request
 * record, so adding a loss adds no code here. The OpenAPI document still shows one operation per
 * loss, generated from the catalog by {@link LossOperations}.
 */
@RestController
@RequestMapping("/losses")
@Tag(name = "catalog", description = "What each loss computes, its inputs, hyperparameters and references")
class LossController {

    private final Catalog catalog;
    private final LossService service;
    private final RequestReader reader;

    LossController(Catalog catalog, LossService service, RequestReader reader) {
        this.catalog = catalog;
        this.service = service;
        this.reader = reader;
    }

    /**
     * Evaluates one loss. The {@code Server-Timing} header tells the client how long reading the
     * request and computing took (writing the response follows the headers, so it is not in them).
     */
    @Hidden
    @PostMapping(
            path = "/{name}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, NpzConversions.MEDIA_TYPE},
            produces = {MediaType.APPLICATION_JSON_VALUE, NpzConversions.MEDIA_TYPE})
    ResponseEntity<LossResponse> evaluate(@PathVariable String name, HttpServletRequest request) {
        boolean npzIn = MediaType.parseMediaType(request.getContentType()).isCompatibleWith(NpzAnswerConverter.NPZ);
        LossResult result =
                service.evaluate(name, type -> npzIn ? reader.readNpz(request, type) : reader.read(request, type));
        String timing =
                "read;dur=" + milliseconds(result.readNanos()) + ", compute;dur=" + milliseconds(result.computeNanos());
        return ResponseEntity.ok()
                .header("Server-Timing", timing)
                .contentType(wantsNpz(request) ? NpzAnswerConverter.NPZ : MediaType.APPLICATION_JSON)
                .body(LossResponse.of(result));
    }

    /**
     * An npz answer only when the client prefers it to JSON (docs/http-api.md 8), by RFC 9110's rules
     * ({@link AcceptHeader}); JSON when both are equally wanted. A client that takes neither was refused 406
     * before ({@link AcceptedFormats}).
     */
    private static boolean wantsNpz(HttpServletRequest request) {
        return AcceptHeader.of(request)
                .preferred(MediaType.APPLICATION_JSON, NpzAnswerConverter.NPZ)
                .equals(NpzAnswerConverter.NPZ);
    }

    /**
     * An operation a loss offers beside its evaluation (the exponential loss's boosting step), as its
     * catalog entry declares it; metrics are recorded under {@code name/operation}.
     */
    @Hidden
    @PostMapping(
            path = "/{name}/{operation}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Record operate(@PathVariable String name, @PathVariable String operation, HttpServletRequest request) {
        LossOperation declared = catalog.require(name)
                .operation(operation)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, name + " offers no operation '" + operation + "'"));
        return service.operate(name + "/" + operation, declared, () -> reader.read(request, declared.requestType()));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The catalog: every loss with its inputs, hyperparameters, formula and references")
    CatalogResponse catalog() {
        return new CatalogResponse(catalog.descriptors());
    }

    @GetMapping(path = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One catalog entry")
    LossDescriptor entry(@PathVariable String name) {
        return catalog.require(name).descriptor();
    }

    /** Milliseconds with three decimals, without the cost of a formatter on every request. */
    private static String milliseconds(long nanos) {
        long micros = nanos / 1000;
        long fraction = micros % 1000;
        return micros / 1000 + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction;
    }

    /**
     * The whole catalog.
     *
     * @param losses every loss, in the order of the contract
     */
    record CatalogResponse(List<LossDescriptor> losses) {}
}
