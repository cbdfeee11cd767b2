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
 * {@link WorkInFlight} (and its {@link WorkSlots} slot, if the answer did not give it back before it was
 * written) after the response has been written (not when the controller returns: the
 * response still holds the gradients until then); then, for a refused request, reads what is left of
 * its body ({@link UnwantedBody}) so that the refusal reaches the client.
 */
@Component
class WorkPermitFilter extends OncePerRequestFilter {

    private final WorkInFlight work;
    private final WorkSlots slots;
    private final UnwantedBody unwantedBody;

    WorkPermitFilter(WorkInFlight work, WorkSlots slots, LimitsProperties limits) {
        this.work = work;
        this.slots = slots;
        this.unwantedBody = new UnwantedBody(limits.maxRequestBytes());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestPermits permits = new RequestPermits(work);
        request.setAttribute(RequestPermits.ATTRIBUTE, permits);
        slots.account(request);
        try {
            if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
                // Nothing to wait for: the request computes as soon as a slot is free. One with a body takes its
                // slot once the body has arrived (RequestReader).
                slots.enter(request);
            }
            chain.doFilter(request, response);
        } finally {
            slots.leave(request);
            permits.giveBack();
        }
        unwantedBody.drainAfterRefusal(request, response);
    }
}
