package dev.lossref.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The formats a request's Accept header admits, by RFC 9110's rules (12.5.1): a format's quality is that of the
 * most specific range that matches it (JSON at q=0 beside the any-type wildcard at 0.5 refuses JSON, admits the
 * rest), and a quality of 0 means "not acceptable". Spring's own negotiation gives a format the quality of any range
 * that matches it and takes q=0 for a preference like any other, so that it answered JSON to a client that refused
 * it, and JSON to the any-type wildcard followed by {@code application/json;q=0.2}.
 */
final class AcceptHeader {

    private final List<MediaType> ranges;

    private AcceptHeader(List<MediaType> ranges) {
        this.ranges = ranges;
    }

    /**
     * The request's Accept fields, all of them (a client may send several); none, or an empty one, admits anything.
     * Only for a request Spring matched to an endpoint that declares its formats: it refuses an Accept header it
     * cannot parse before that.
     */
    static AcceptHeader of(HttpServletRequest request) {
        List<MediaType> ranges = MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        return new AcceptHeader(ranges.isEmpty() ? List.of(MediaType.ALL) : ranges);
    }

    /** Whether the client takes any of these formats: one of them has a quality above 0. */
    boolean admitsAny(Collection<MediaType> formats) {
        return formats.stream().anyMatch(format -> preference(format).quality() > 0);
    }

    /**
     * The format the client prefers among these: the highest quality, between equal qualities the one whose range
     * comes first in the header, and between those the first given (the any-type wildcard alone takes the first).
     */
    MediaType preferred(MediaType first, MediaType second) {
        Preference one = preference(first);
        Preference other = preference(second);
        boolean secondWins = other.quality() > one.quality()
                || (other.quality() == one.quality() && other.quality() > 0 && other.range() < one.range());
        return secondWins ? second : first;
    }

    /** The quality and position of the most specific range that matches the format; 0 when none does. */
    private Preference preference(MediaType format) {
        Preference preference = new Preference(0, Integer.MAX_VALUE);
        int specificity = -1;
        for (int k = 0; k < ranges.size(); k++) {
            MediaType range = ranges.get(k);
            int rangeSpecificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
            if (range.includes(format) && rangeSpecificity > specificity) {
                preference = new Preference(range.getQualityValue(), k);
                specificity = rangeSpecificity;
            }
        }
        return preference;
    }

    /** How much the client wants one format: the quality and position of the range that decides it. */
    private record Preference(double quality, int range) {}
}
