package dev.lossref.api.curve;

import dev.lossref.core.InvalidInputException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads a generated curve request with the application's strict mapper, as a POST body would be read. */
@Component
class CurveRequestReader {

    private final JsonMapper mapper;

    CurveRequestReader(JsonMapper mapper) {
        this.mapper = mapper;
    }

    <T> T read(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidInputException invalid) {
                    throw invalid;
                }
            }
            throw failure;
        }
    }
}
