package dev.lossref.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.MappedInterceptor;

/**
 * Refuses with 406 a request whose Accept header gives every format its endpoint answers in a quality of 0
 * ({@link AcceptHeader}), before the endpoint runs: Spring matches an endpoint to any Accept range compatible with one
 * of its formats, q=0 or not, so that the any-type wildcard at q=0 got JSON. The formats are those the matched
 * endpoint declares ({@code produces}); an endpoint that declares none is left to Spring.
 */
@Configuration(proxyBeanMethods = false)
class AcceptedFormats {

    /** A mapped interceptor, so that every handler mapping applies it: the actuator's, not only the controllers'. */
    @Bean
    MappedInterceptor refuseWhatIsNotAccepted() {
        return new MappedInterceptor(null, new RefuseWhatIsNotAccepted());
    }

    private static final class RefuseWhatIsNotAccepted implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws HttpMediaTypeNotAcceptableException {
            if (request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) instanceof Set<?> declared) {
                List<MediaType> formats =
                        declared.stream().map(MediaType.class::cast).toList();
                if (!AcceptHeader.of(request).admitsAny(formats)) {
                    throw new HttpMediaTypeNotAcceptableException(formats);
                }
            }
            return true;
        }
    }
}
