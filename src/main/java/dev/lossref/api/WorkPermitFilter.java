package dev.lossref.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a {@link RequestPermits} account and returns its permits to
 * {@link WorkInFlight} after the response has been written (not when the controller returns: the
 * response still holds the gradients until then); then, for a refused request, reads what is left of
 * its body ({@link UnwantedBody}) so that the refusal reaches the client.
 */
@Component
class WorkPermitFilter extends OncePerRequestFilter {

    private final WorkInFlight work;
    private final UnwantedBody unwantedBody;

    WorkPermitFilter(WorkInFlight work, LimitsProperties limits) {
        this.work = work;
        this.unwantedBody = new UnwantedBody(limits.maxRequestBytes());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestPermits permits = new RequestPermits(work);
        request.setAttribute(RequestPermits.ATTRIBUTE, permits);
        try {
            chain.doFilter(request, response);
        } finally {
            permits.giveBack();
        }
        unwantedBody.drainAfterRefusal(request, response);
    }
}
