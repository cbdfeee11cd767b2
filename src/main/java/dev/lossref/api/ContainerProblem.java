package dev.lossref.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem detail for a status that Tomcat decided itself, before a controller or while reading a body
 * (docs/http-api.md 5): the service's type for the status, with the type's description as the detail, since all
 * that is known of such a request is that the container refused it. Answered by {@link ProblemReportValve} when no
 * servlet ran and by {@link ContainerErrorController} when Tomcat forwarded the error to {@code /error}.
 *
 * @param type the type URI: the service's, or {@code about:blank} (RFC 9457 4.2.1) for a status no type describes
 * @param title the type's title, or the status's reason phrase
 * @param status the status Tomcat decided
 * @param detail what the status means here
 */
record ContainerProblem(URI type, String title, int status, String detail) {

    /** ASCII only, so that the text is the same whatever character set Tomcat's error writer encodes in. */
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    static ContainerProblem of(int status) {
        return ProblemType.forContainerStatus(status)
                .map(type -> new ContainerProblem(type.type(), type.title(), status, type.description()))
                .orElseGet(() -> {
                    HttpStatus known = HttpStatus.resolve(status);
                    String reason = known == null ? "Error" : known.getReasonPhrase();
                    return new ContainerProblem(
                            URI.create("about:blank"),
                            reason,
                            status,
                            "The server answered " + status + " " + reason + ".");
                });
    }

    /** As {@link ProblemHandler} answers, for Spring to write. */
    ProblemDetail problemDetail(String instance) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setDetail(detail);
        problem.setType(type);
        problem.setTitle(title);
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        return problem;
    }

    /** The same members in the order Spring writes them, for Tomcat's error writer, outside Spring. */
    String json(String instance) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("detail", detail);
        if (instance != null) {
            members.put("instance", instance);
        }
        members.put("status", status);
        members.put("title", title);
        members.put("type", type.toString());
        return JSON.writeValueAsString(members);
    }
}
