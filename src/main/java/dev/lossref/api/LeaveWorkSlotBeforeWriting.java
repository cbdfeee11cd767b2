package dev.lossref.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Gives back the request's {@link WorkSlots} slot once the answer is computed, just before it is written: a
 * client that reads its answer slowly then holds its connection, not one of the computations.
 */
@ControllerAdvice
class LeaveWorkSlotBeforeWriting implements ResponseBodyAdvice<Object> {

    private final WorkSlots slots;

    LeaveWorkSlotBeforeWriting(WorkSlots slots) {
        this.slots = slots;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest raw = servlet.getServletRequest();
            slots.leave(raw);
        }
        return body;
    }
}
