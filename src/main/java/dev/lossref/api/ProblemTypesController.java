package dev.lossref.api;

import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /problems/{slug}}: the description of a problem type, so that the {@code type} URI of every
 * error answer leads to what it means (RFC 9457 3.1.1) in a running service.
 */
@RestController
class ProblemTypesController {

    /**
     * A kind of error.
     *
     * @param type the URI the error answers carry
     * @param title its title
     * @param status its HTTP status
     * @param description when the service answers it, and what the answer names
     */
    record ProblemTypeDescription(String type, String title, int status, String description) {}

    @GetMapping(path = "/problems/{slug}", produces = MediaType.APPLICATION_JSON_VALUE)
    ProblemTypeDescription describe(@PathVariable String slug) {
        return Arrays.stream(ProblemType.values())
                .filter(problem -> problem.slug().equals(slug))
                .findFirst()
                .map(problem -> new ProblemTypeDescription(
                        problem.type().toString(),
                        problem.title(),
                        problem.status().value(),
                        problem.description()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no problem type " + slug));
    }
}
