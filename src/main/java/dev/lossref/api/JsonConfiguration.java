package dev.lossref.api;

import dev.lossref.api.json.LossJsonModule;
import dev.lossref.core.WorkLimits;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the application's JSON mapper as strict as the contract: unknown fields, duplicate keys,
 * trailing tokens and coercions are refused, parse limits are set deliberately, and doubles are
 * parsed and written by Jackson's fast shortest-round-trip code.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /**
     * Boot's mapper builder, on a factory with the configured parse limits (the one thing a
     * {@link JsonMapperBuilderCustomizer} cannot change); every customizer still applies.
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    JsonMapper.Builder jsonMapperBuilder(
            ObjectProvider<JsonMapperBuilderCustomizer> customizers, LimitsProperties limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNumberLength(limits.maxNumberLength())
                .maxNameLength(limits.maxStringLength())
                .maxDocumentLength(limits.maxRequestBytes())
                .build();
        JsonFactory factory =
                JsonFactory.builder().streamReadConstraints(constraints).build();
        JsonMapper.Builder builder = JsonMapper.builder(factory);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    /** The core's work limits, from {@code losses.limits.*}. */
    @Bean
    WorkLimits workLimits(LimitsProperties limits) {
        return limits.workLimits();
    }

    @Bean
    JsonMapperBuilderCustomizer strictLossJson() {
        return builder -> builder.addModule(new LossJsonModule())
                .enable(
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION, StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                // TensorWriter flushes the generator before it writes formatted numbers to the stream itself;
                // the response is flushed once, by Spring MVC, when the answer is complete.
                .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM);
    }
}
