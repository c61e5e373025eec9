package io.context8.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.analytics.AnalyticsEngine;
import io.context8.analytics.AnalyticsObserver;
import io.context8.analytics.AnalyticsSettings;
import io.context8.analytics.MarketDataPublisher;
import io.context8.analytics.ReportPublisher;
import io.context8.observability.AnalyticsMeters;
import io.context8.observability.ObservabilityProperties;
import io.micrometer.core.instrument.MeterRegistry;

/** Beans the analytics routes call. */
@Configuration(proxyBeanMethods = false)
public class AnalyticsConfiguration {

    @Bean
    AnalyticsSettings analyticsSettings(Context8Properties p) {
        return new AnalyticsSettings(p.report().interval().toMillis(), p.report().heartbeat().toMillis(),
                p.report().depthLevels(), p.ingestion().freshMax().toMillis(), p.ingestion().downAfter().toMillis(),
                p.windows().ordersPerSec().toMillis(), p.windows().netFlow().toMillis());
    }

    @Bean
    AnalyticsEngine analyticsEngine(Context8Properties p, AnalyticsSettings settings, ObservabilityProperties o,
            MeterRegistry meters) {
        // stream lag, report age and calc latency per symbol, and the periodic summary line: analytics role only
        AnalyticsObserver observer = p.hasRole("analytics")
                ? new AnalyticsMeters(meters, p.symbols(), o.summaryInterval().toMillis(), System::currentTimeMillis)
                : AnalyticsObserver.NONE;
        return new AnalyticsEngine(p.symbols(), p.venue(), settings, new ObjectMapper(), System::currentTimeMillis,
                observer);
    }

    @Bean
    MarketDataPublisher marketDataPublisher(AnalyticsEngine engine, StringRedisTemplate redis, Context8Properties p) {
        return new MarketDataPublisher(engine, redis, p.report().ttl().toMillis());
    }

    @Bean
    ReportPublisher reportPublisher(Context8Properties p, MeterRegistry meters) {
        return new ReportPublisher(p.report().ttl().toSeconds(), p.venue(), meters);
    }
}
