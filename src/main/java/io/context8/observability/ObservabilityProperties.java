package io.context8.observability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Typed view of the {@code context8.observability.*} keys (documented in {@code application.yaml}).
 *
 * @param logFormat       {@code json} (one JSON object per line, {@link JsonLogFormatter}) or {@code text}
 *                        (Spring Boot's human-readable pattern, for local runs); applied before logging starts by
 *                        {@code Context8EnvironmentPostProcessor}
 * @param summaryInterval how often each role logs one summary line per symbol (0 = never)
 */
@ConfigurationProperties("context8.observability")
public record ObservabilityProperties(
        @DefaultValue("json") String logFormat,
        @DefaultValue("10s") Duration summaryInterval) {
}
