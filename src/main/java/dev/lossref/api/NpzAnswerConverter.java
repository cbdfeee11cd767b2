package dev.lossref.api;

import dev.lossref.api.npz.NpzConversions;
import dev.lossref.api.npz.NpzWriter;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/**
 * Writes a loss's answer as a NumPy archive (docs/http-api.md 8) when the handler chose {@code application/x-npz}:
 * every tensor of the answer as a float64 array, streamed to the socket as it is formed, so a large archive
 * is never held whole. Only written: npz requests are read by {@link RequestReader}, which binds the arrays
 * straight into the request record.
 */
final class NpzAnswerConverter implements HttpMessageConverter<LossResponse> {

    static final MediaType NPZ = MediaType.parseMediaType(NpzConversions.MEDIA_TYPE);

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    public boolean canWrite(Class<?> type, MediaType mediaType) {
        return LossResponse.class.isAssignableFrom(type)
                && mediaType != null
                && !mediaType.isWildcardType()
                && mediaType.isCompatibleWith(NPZ);
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return List.of(NPZ);
    }

    @Override
    public LossResponse read(Class<? extends LossResponse> type, HttpInputMessage message) {
        // canRead is false, so Spring never asks; a caller that does gets the refusal a body it cannot read gets.
        throw new HttpMessageNotReadableException("an answer is not a request body", message);
    }

    @Override
    public void write(LossResponse response, MediaType contentType, HttpOutputMessage message) throws IOException {
        message.getHeaders().setContentType(NPZ);
        NpzWriter.write(
                NpzConversions.answer(response.loss(), response.reduction(), response.tensors()), message.getBody());
    }

    /** Puts the converter ahead of the defaults on the server side only (a converter bean would go to clients too). */
    @Component
    static final class Registration implements ServerHttpMessageConvertersCustomizer {

        @Override
        public void customize(HttpMessageConverters.ServerBuilder builder) {
            builder.addCustomConverter(new NpzAnswerConverter());
        }
    }
}
