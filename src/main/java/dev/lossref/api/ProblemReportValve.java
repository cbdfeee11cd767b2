package dev.lossref.api;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as a problem detail ({@link ContainerProblem}) instead of its HTML page, for the statuses
 * Tomcat decides before any servlet runs: a malformed request line, path or header, request line and headers over
 * the size limit, a Content-Length that is not a number or disagrees with another (400), a transfer coding it does
 * not implement (501), an HTTP version it does not speak (505), an Expect other than 100-continue (417). Tomcat
 * reports those on the host, so this valve takes the place of the host's error report valve; errors a servlet
 * answers are already written when it looks, and it leaves them alone, as Tomcat's own valve does.
 */
final class ProblemReportValve extends ErrorReportValve {

    /**
     * Puts a problem report valve in place of the host's error report valves: the one Boot adds (a plain
     * {@link ErrorReportValve} without the server version) and, by naming this class as the host's, the one the host
     * would add when it starts.
     */
    static void install(StandardHost host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.setErrorReportValveClass(ProblemReportValve.class.getName());
        host.getPipeline().addValve(new ProblemReportValve());
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        // As Tomcat's own report: nothing below 400, nothing once a body is written or the error was reported.
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String uri = request.getRequestURI();
        String body = ContainerProblem.of(response.getStatus()).json(uri != null && uri.startsWith("/") ? uri : null);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException gone) {
            // The client is gone or the response was taken over: nobody is left to read the report.
        }
    }
}
