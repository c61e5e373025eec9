package io.context8.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.analytics.AnalyticsEngine;
import io.context8.analytics.AnalyticsObserver;
import io.context8.analytics.AnalyticsSettings;
import io.context8.analytics.MarketDataPublisher;
import io.context8.analytics.MetricSettings;
import io.context8.analytics.ReportPublisher;
import io.context8.observability.AnalyticsMeters;
import io.context8.observability.ObservabilityProperties;
import io.micrometer.core.instrument.MeterRegistry;

/** Beans the analytics routes call. */
@Configuration(proxyBeanMethods = false)
public class AnalyticsConfiguration {

    @Bean
    AnalyticsSettings analyticsSettings(Context8Properties p) {
        return settings(p);
    }

    /** The analytics settings of bound properties (public for the tests, which bind application.yaml). */
    public static AnalyticsSettings settings(Context8Properties p) {
        return settings(p.report(), p.ingestion(), p.windows(), p.analytics());
    }

    /** The analytics settings of the bound {@code context8.report/ingestion/windows/analytics} trees. */
    public static AnalyticsSettings settings(Context8Properties.Report report, Context8Properties.Ingestion ingestion,
            Context8Properties.Windows windows, Context8Properties.Analytics analytics) {
        return new AnalyticsSettings(report.interval().toMillis(), report.heartbeat().toMillis(), report.depthLevels(),
                ingestion.freshMax().toMillis(), ingestion.downAfter().toMillis(), windows.ordersPerSec().toMillis(),
                windows.netFlow().toMillis(), metricSettings(analytics), analytics.maxEventTimeSkew().toMillis());
    }

    /** The metric settings of {@code context8.analytics.*} (public for the settings test). */
    public static MetricSettings metricSettings(Context8Properties.Analytics a) {
        var w = a.walls();
        var v = a.vacuums();
        var p = a.profile();
        var s = a.spoofing();
        var i = a.iceberg();
        var f = a.flashCrash();
        var h = a.health();
        return new MetricSettings(
                new MetricSettings.Walls(w.samples(), w.factor(), w.minQty(), w.maxDistanceBps(), w.max(),
                        w.mediumRatio(), w.highRatio()),
                new MetricSettings.Vacuums(v.minWidthBps(), v.mediumBps(), v.highBps(), v.maxDistanceBps(), v.max()),
                new MetricSettings.Profile(p.window().toMillis(), p.binBps(), p.valueArea(), p.minTrades()),
                new MetricSettings.Bands(ascending(a.bands().pct()), ascending(a.bands().slippageQuote())),
                new MetricSettings.Spoofing(s.window().toMillis(), s.sizeFactor(), s.minDistanceSpreads(),
                        s.spreadSamples(), s.tradeLookback().toMillis(), s.maxLifetime().toMillis(),
                        s.requoteWindow().toMillis(), s.sizeTolerance(), s.minDuration().toMillis(), s.sideShare(),
                        s.minCount(), s.mediumCount(), s.highCount()),
                new MetricSettings.Iceberg(i.window().toMillis(), i.minFills(), i.minRatio(), i.mediumRatio(),
                        i.highRatio(), i.mediumFills(), i.highFills(), i.minDuration().toMillis()),
                new MetricSettings.FlashCrash(f.baseline().toMillis(), f.spreadFactor(), f.spreadQuantile(),
                        f.spreadSamples(),
                        f.nearBandPct(), f.vacuumWidthBps(), f.depthShrink(), f.slice().toMillis(), f.sellShare(),
                        f.acceleration()),
                new MetricSettings.Health(h.spreadGoodBps(), h.spreadBadBps(), h.depthBandPct(), h.depthTarget()));
    }

    /** Positive values, sorted ascending (bands and order sizes are walked in that order). */
    private static double[] ascending(java.util.List<Double> values) {
        double[] out = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        for (double d : out) {
            if (!(d > 0)) {
                throw new IllegalArgumentException("band percentages and order sizes must be > 0, got " + values);
            }
        }
        return out;
    }

    @Bean
    AnalyticsEngine analyticsEngine(Context8Properties p, AnalyticsSettings settings, ObservabilityProperties o,
            MeterRegistry meters) {
        // stream lag, report age and calc latency per symbol, and the periodic summary line: analytics role only
        AnalyticsObserver observer = p.hasRole("analytics")
                ? new AnalyticsMeters(meters, p.symbols(), o.summaryInterval().toMillis(), System::currentTimeMillis)
                : AnalyticsObserver.NONE;
        return new AnalyticsEngine(p.symbols(), p.venue(), settings, bookCheckSettings(p.book()), new ObjectMapper(),
                System::currentTimeMillis, observer);
    }

    /** The book check settings of {@code context8.book.*}. */
    static io.context8.analytics.BookCheckSettings bookCheckSettings(Context8Properties.Book b) {
        return new io.context8.analytics.BookCheckSettings(b.frozenAfter().toMillis(), b.frozenMinTickers(),
                b.resyncInterval().toMillis());
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
