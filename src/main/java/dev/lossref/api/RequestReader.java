package dev.lossref.api;

import dev.lossref.api.json.ElementBudget;
import dev.lossref.api.json.NumberArrays;
import dev.lossref.api.json.NumberPermits;
import dev.lossref.api.json.TooManyElementsException;
import dev.lossref.api.npz.NpyArray;
import dev.lossref.api.npz.NpzBinder;
import dev.lossref.api.npz.NpzReader;
import dev.lossref.core.InvalidInputException;
import dev.lossref.core.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body into its record, streaming: the byte limit is enforced as the body arrives,
 * the element limit as arrays are read. Jackson's failures become violations that name the field,
 * never a Java type.
 */
@Component
class RequestReader {

    /** The first buffer of a body, which then doubles as bytes arrive: memory stays within twice what came. */
    private static final int FIRST_BUFFER_BYTES = 64 * 1024;

    private final JsonMapper mapper;
    private final LimitsProperties limits;
    private final WorkSlots slots;

    RequestReader(JsonMapper mapper, LimitsProperties limits, WorkSlots slots) {
        this.mapper = mapper;
        this.limits = limits;
        this.slots = slots;
    }

    /** Reads the body of {@code request} into {@code type}. */
    <T> T read(HttpServletRequest request, Class<T> type) {
        return read(request, type, limits.maxRequestBytes());
    }

    /**
     * Reads a loss request held inside another body (the {@code request} of a check), with the same
     * strictness and messages as a body of its own; its numbers were counted with the outer body.
     */
    <T> T readEmbedded(byte[] json, Class<T> type) {
        return read(new ByteArrayInputStream(json), type, count -> {});
    }

    /**
     * Reads an {@code application/x-npz} body (docs/http-api.md 8) into {@code type}: the archive within the byte and
     * element limits (declared sizes checked before inflating), its arrays bound straight into the request
     * record with the strict reader's rules.
     */
    <T> T readNpz(HttpServletRequest request, Class<T> type) {
        NumberPermits account = permits(request);
        if (request.getContentLengthLong() > limits.maxRequestBytes()) {
            throw new RequestTooLargeException(
                    "the request body is larger than " + limits.maxRequestBytes() + " bytes");
        }
        byte[] body = receive(request, limits.maxRequestBytes());
        slots.enter(request);
        Map<String, NpyArray> arrays = new NpzReader(limits.maxElements(), limits.maxRequestBytes())
                .read(new ByteArrayInputStream(body), body.length);
        return NpzBinder.bind(arrays, type, account);
    }

    /**
     * The whole body, before any of it is parsed and before the request takes a {@link WorkSlots} slot: a
     * client that sends slowly waits on its own connection, at the minimum upload rate, without holding up
     * the computations of others. The buffer grows as bytes arrive (memory within twice what was received,
     * whatever the Content-Length claims), and a body without a length reserves its numbers' permits as it
     * grows, as one with a length did before it was read.
     */
    private byte[] receive(HttpServletRequest request, long maxBytes) {
        request.setAttribute(UnwantedBody.STARTED, Boolean.TRUE);
        long length = request.getContentLengthLong();
        RequestPermits permits =
                request.getAttribute(RequestPermits.ATTRIBUTE) instanceof RequestPermits held ? held : null;
        try (InputStream in = new MinimumRateInputStream(
                new BoundedInputStream(request.getInputStream(), maxBytes),
                limits.minUploadBytesPerSecond(),
                limits.uploadGracePeriod().toNanos(),
                System::nanoTime)) {
            long expected = length >= 0 ? length : maxBytes + 1;
            byte[] buffer = new byte[(int) Math.min(expected, FIRST_BUFFER_BYTES)];
            int size = 0;
            while (true) {
                if (size == buffer.length) {
                    if (size == expected) {
                        break;
                    }
                    buffer =
                            Arrays.copyOf(buffer, (int) Math.min(expected, Math.min(2L * size, Integer.MAX_VALUE - 8)));
                }
                int count = in.read(buffer, size, buffer.length - size);
                if (count < 0) {
                    break;
                }
                size += count;
                if (length < 0 && permits != null) {
                    permits.reserveFor(size, limits.maxElements());
                }
            }
            return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        } catch (IOException failure) {
            throw new UnreadableRequestException("the request body could not be read", List.of());
        }
    }

    private NumberPermits permits(HttpServletRequest request) {
        Object permits = request.getAttribute(RequestPermits.ATTRIBUTE);
        if (permits instanceof RequestPermits requestPermits) {
            long length = request.getContentLengthLong();
            if (length >= 0 && length <= limits.maxRequestBytes()) {
                requestPermits.reserveFor(length, limits.maxElements());
            }
            return requestPermits;
        }
        return count -> {};
    }

    /** As {@link #read(HttpServletRequest, Class)}, with a smaller byte limit for bodies read as a tree. */
    <T> T read(HttpServletRequest request, Class<T> type, long maxBytes) {
        NumberPermits account = permits(request);
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            // Before the body is touched: with Expect: 100-continue the client then never sends it.
            throw new RequestTooLargeException("the request body is larger than " + maxBytes + " bytes");
        }
        byte[] body = receive(request, maxBytes);
        slots.enter(request);
        return readWhole(body, type, account);
    }

    /**
     * Reads a body held in memory: its arrays of numbers parsed by the fast path
     * ({@link NumberArrays}), the rest by Jackson. Whatever the fast path does not take on (an error to
     * report, an array no reader claimed), the strict readers read again from the original bytes, so the
     * answer and every message are those of the plain path.
     */
    private <T> T readWhole(byte[] body, Class<T> type, NumberPermits permits) {
        ElementBudget budget = new ElementBudget(limits.maxElements(), permits);
        NumberArrays arrays;
        try {
            arrays = NumberArrays.cut(body, limits.maxNumberLength(), budget);
        } catch (TooManyElementsException tooMany) {
            throw tooManyElements(tooMany);
        }
        if (arrays == null) {
            return read(new ByteArrayInputStream(body), type, permits);
        }
        try {
            T request = parse(
                    mapper.readerFor(type).withAttribute(NumberArrays.ATTRIBUTE, arrays),
                    budget,
                    reader -> reader.readValue(arrays.document()));
            if (arrays.allClaimed()) {
                return request;
            }
        } catch (RequestTooLargeException | ServiceOverloadedException refused) {
            throw refused;
        } catch (RuntimeException declined) {
            // Read again below, so that a message names the places of the original body.
        }
        // The numbers of a body of known length are covered by the permits reserved for it: none are taken twice.
        return read(new ByteArrayInputStream(body), type, count -> {});
    }

    private <T> T read(InputStream body, Class<T> type, NumberPermits permits) {
        return parse(
                mapper.readerFor(type),
                new ElementBudget(limits.maxElements(), permits),
                reader -> reader.readValue(body));
    }

    private <T> T parse(ObjectReader reader, ElementBudget budget, Reading<T> reading) {
        try {
            T request = reading.read(reader.withAttribute(ElementBudget.ATTRIBUTE, budget));
            if (request == null) {
                // The JSON literal null reads as no object at all.
                throw new InvalidInputException("body", "must be a JSON object with the loss's fields, got null");
            }
            return request;
        } catch (JacksonException failure) {
            throw translate(failure);
        }
    }

    /** One way of handing the body to a configured reader. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(ObjectReader reader);
    }

    private RuntimeException translate(JacksonException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidInputException invalid) {
                return invalid;
            }
            if (cause instanceof RequestTooLargeException tooLarge) {
                return tooLarge;
            }
            if (cause instanceof ServiceOverloadedException overloaded) {
                return overloaded;
            }
            if (cause instanceof TooManyElementsException tooMany) {
                return tooManyElements(tooMany);
            }
        }
        String field = path(failure);
        if (failure instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null
                    ? ""
                    : unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .collect(Collectors.joining(", "));
            return new InvalidInputException(field, "is not a field of this loss; its fields are: " + known);
        }
        if (failure instanceof StreamConstraintsException) {
            return new InvalidInputException(
                    "body",
                    "exceeds a parsing limit (nesting depth "
                            + limits.maxNestingDepth() + ", string length " + limits.maxStringLength()
                            + ", number length "
                            + limits.maxNumberLength() + ")");
        }
        if (failure instanceof StreamReadException read) {
            var location = read.getLocation();
            String where =
                    location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            return new InvalidInputException(
                    field.isEmpty() ? "body" : field,
                    "is not valid JSON" + where + ": " + firstLine(read.getOriginalMessage()));
        }
        if (failure instanceof MismatchedInputException && field.isEmpty()) {
            return new InvalidInputException("body", "must be a JSON object with the loss's fields");
        }
        if (failure instanceof DatabindException) {
            return new InvalidInputException(field.isEmpty() ? "body" : field, "has the wrong JSON type");
        }
        return new UnreadableRequestException(
                "the request body could not be read", List.of(new Violation("body", "could not be read")));
    }

    private static RequestTooLargeException tooManyElements(TooManyElementsException tooMany) {
        return new RequestTooLargeException(
                "the request holds more than " + tooMany.limit() + " numbers (losses.limits.max-elements)");
    }

    private static String path(JacksonException failure) {
        List<String> parts = new ArrayList<>();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                parts.add((parts.isEmpty() ? "" : ".") + reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                parts.add("[" + reference.getIndex() + "]");
            }
        }
        return String.join("", parts);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unexpected content";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
