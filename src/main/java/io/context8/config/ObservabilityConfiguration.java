package io.context8.config;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import io.context8.ingest.IngestStatus;
import io.context8.mcp.RouteReportReader;
import io.context8.observability.IngestSummary;
import io.context8.observability.ObservabilityProperties;
import io.context8.observability.RedisPing;
import io.context8.observability.RoleReadiness;
import io.micrometer.core.instrument.MeterRegistry;

/** Readiness per role ({@code context8} health contributor) and the ingest role's periodic summary line. */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    /** Bean name = health contributor name {@code context8} (management.endpoint.health.group.readiness). */
    /** Named as Spring Boot's Redis contributor, which it replaces (health shows no exception names). */
    @Bean("redisHealthContributor")
    RedisPing redisHealthContributor(RedisConnectionFactory redisConnectionFactory) {
        return new RedisPing(redisConnectionFactory);
    }

    @Bean("context8")
    RoleReadiness context8(Context8Properties p, CamelContext camel, IngestStatus ingestStatus,
            @Qualifier("reportReadTemplate") ObjectProvider<ProducerTemplate> reportReadTemplate) {
        var roles = Context8EnvironmentPostProcessor.roles(String.join(",", p.roles()));
        ProducerTemplate template = roles.contains("mcp") ? reportReadTemplate.getIfAvailable() : null;
        return new RoleReadiness(roles, camel, ingestStatus, template == null ? null : new RouteReportReader(template),
                p.symbols().get(0));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${context8.roles:ingest,analytics,mcp}'.toLowerCase().contains('ingest')")
    IngestSummary ingestSummary(MeterRegistry meters, IngestStatus ingestStatus, ObservabilityProperties o) {
        return new IngestSummary(meters, ingestStatus, o.summaryInterval().toMillis());
    }
}
