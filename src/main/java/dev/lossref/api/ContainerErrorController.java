package dev.lossref.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where Tomcat forwards an error it decided after a servlet started, in place of Boot's JSON of
 * {@code timestamp} and {@code path}: a body whose chunked framing breaks while it is read (Tomcat answers 400 even
 * though the reader caught the failure), a {@code TRACE}, an exception that escaped the servlet. The answer is the
 * problem detail of the status Tomcat chose ({@link ContainerProblem}), for the path the client asked for.
 */
@Hidden
@RestController
class ContainerErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
            // Not a forwarded error: a client asked for /error itself, which is no resource of the service.
            return ProblemHandler.problem(ProblemType.NOT_FOUND, "No such path: " + request.getRequestURI(), null);
        }
        ProblemDetail problem = ContainerProblem.of(status)
                .problemDetail((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
