package io.context8.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.context8.analytics.ReportData;
import io.context8.metrics.Anomaly;
import io.context8.metrics.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class AnalyticsMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong(10_000);
    private final AnalyticsMeters meters = new AnalyticsMeters(registry, List.of("BTCUSDT", "ETHUSDT"), 0, now::get);

    @Test
    void everyMeterIsRegisteredOncePerSymbolAtStart() {
        assertThat(registry.find("context8.stream.lag.ms").gauges()).hasSize(2);
        assertThat(registry.find("context8.report.age.ms").gauges()).hasSize(2);
        assertThat(registry.find("context8.health.score").gauges()).hasSize(2);
        assertThat(registry.find("context8.ingestion.status").gauges()).hasSize(2);
        assertThat(registry.find("context8.anomalies").counters()).as("3 types x 3 severities x 2 symbols").hasSize(18);
        assertThat(registry.find("context8.book.incidents").counters()).hasSize(10);
        assertThat(registry.find("context8.calc.latency.ms").summaries()).hasSize(4);
        int registered = registry.getMeters().size();
        meters.batchApplied("BTCUSDT", 9_990, 10_000);
        meters.reportBuilt("BTCUSDT", 1_000, 2_000, report(9_990));
        assertThat(registry.getMeters()).as("nothing registered per batch or report").hasSize(registered);
    }

    @Test
    void lagIsNowMinusNewestIngestOfTheBatchAndZeroWhenCaughtUp() {
        meters.batchApplied("BTCUSDT", 9_950, 10_000);
        assertThat(gauge("context8.stream.lag.ms", "BTCUSDT")).isEqualTo(50.0);
        meters.batchApplied("BTCUSDT", -1, 10_100);
        assertThat(gauge("context8.stream.lag.ms", "BTCUSDT")).isZero();
    }

    @Test
    void reportAgeIsNaNBeforeAnyEventThenGrowsWhileTheFeedIsStopped() {
        assertThat(gauge("context8.report.age.ms", "ETHUSDT")).isNaN();
        meters.reportBuilt("ETHUSDT", 1, 1, report(9_900));
        assertThat(gauge("context8.report.age.ms", "ETHUSDT")).isEqualTo(100.0);
        now.set(15_000);
        assertThat(gauge("context8.report.age.ms", "ETHUSDT")).isEqualTo(5_100.0);
    }

    @Test
    void calcLatencyRecordsMetricsAndSerializeInMilliseconds() {
        meters.reportBuilt("BTCUSDT", 2_000_000, 500_000, report(9_990));
        assertThat(registry.get("context8.calc.latency.ms").tags("symbol", "BTCUSDT", "metric", "metrics").summary()
                .totalAmount()).isEqualTo(2.0);
        assertThat(registry.get("context8.calc.latency.ms").tags("symbol", "BTCUSDT", "metric", "serialize").summary()
                .totalAmount()).isEqualTo(0.5);
    }

    @Test
    void unconfiguredSymbolsAreIgnored() {
        int registered = registry.getMeters().size();
        meters.batchApplied("XRPUSDT", 1, 2);
        meters.reportBuilt("XRPUSDT", 1, 1, report(1));
        assertThat(registry.getMeters()).hasSize(registered);
    }

    @Test
    void ingestionStatusFollowsTheReportsIngestionStatus() {
        assertThat(gauge("context8.ingestion.status", "BTCUSDT")).isNaN();
        ReportData r = report(9_990);
        for (String[] c : new String[][] {{"ok", "1.0"}, {"degraded", "0.5"}, {"down", "0.0"}}) {
            r.ingestionStatus = c[0];
            meters.reportBuilt("BTCUSDT", 1, 1, r);
            assertThat(gauge("context8.ingestion.status", "BTCUSDT")).as(c[0]).isEqualTo(Double.parseDouble(c[1]));
        }
    }

    @Test
    void healthScoreIsTheReportsScore() {
        assertThat(gauge("context8.health.score", "BTCUSDT")).isNaN();
        ReportData r = report(9_990);
        r.healthScore = 73.5;
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        assertThat(gauge("context8.health.score", "BTCUSDT")).isEqualTo(73.5);
    }

    @Test
    void anomalyOnsetsAreCountedByTypeAndSeverityNotWhileTheyLast() {
        ReportData r = report(9_990);
        r.anomalies.add(new Anomaly("spoofing", Severity.MEDIUM, "n", Map.of()));
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        r.anomalies.add(new Anomaly("iceberg", Severity.LOW, "n", Map.of()));
        r.anomalies.add(new Anomaly("iceberg", Severity.HIGH, "second of a type in one report", Map.of()));
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        r.anomalies.clear();
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        r.anomalies.add(new Anomaly("spoofing", Severity.HIGH, "n", Map.of()));
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        assertThat(onsets("spoofing", "medium")).isEqualTo(1.0);
        assertThat(onsets("spoofing", "high")).isEqualTo(1.0);
        assertThat(onsets("iceberg", "low")).isEqualTo(1.0);
        assertThat(onsets("iceberg", "high")).isZero();
        assertThat(onsets("flash_crash_risk", "low")).isZero();
    }

    @Test
    void bookIncidentsAreCountedOnEnteringTheStateNotWhileItLasts() {
        ReportData r = report(9_990);
        r.bookState = "synced";
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        r.bookState = "gap";
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        r.bookState = "stale_snapshot";
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        r.bookState = "synced";
        r.crossed = true;
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        r.crossed = false;
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        r.crossed = true;
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        assertThat(anomalies("book_gap")).isEqualTo(1.0);
        assertThat(anomalies("stale_snapshot")).isEqualTo(1.0);
        assertThat(anomalies("crossed_book")).isEqualTo(2.0);
    }

    @Test
    void verificationsAndSuspectBooksAreCountedByTheGrowthOfTheReportsCounts() {
        ReportData r = report(9_990);
        r.verifyMatched = 5;
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        meters.reportBuilt("BTCUSDT", 1, 1, r); // the same counts again: nothing added
        r.verifyMatched = 7;
        r.verifyMismatched = 1;
        r.suspectMismatch = 1;
        r.suspectFrozen = 1;
        r.suspectCrossed = 1;
        meters.reportBuilt("BTCUSDT", 1, 1, r);
        assertThat(verifications("matched")).isEqualTo(7.0);
        assertThat(verifications("mismatched")).isEqualTo(1.0);
        assertThat(anomalies("book_ticker_mismatch")).isEqualTo(1.0);
        assertThat(anomalies("frozen_book")).isEqualTo(1.0);
        assertThat(anomalies("crossed_book")).as("a crossed book caught at its diff").isEqualTo(1.0);
        assertThat(registry.find("context8.book.verifications").counters()).as("2 results x 2 symbols").hasSize(4);
    }

    private double verifications(String result) {
        return registry.get("context8.book.verifications").tags("symbol", "BTCUSDT", "result", result).counter().count();
    }

    private double anomalies(String type) {
        return registry.get("context8.book.incidents").tags("symbol", "BTCUSDT", "type", type).counter().count();
    }

    private double onsets(String type, String severity) {
        return registry.get("context8.anomalies").tags("symbol", "BTCUSDT", "type", type, "severity", severity)
                .counter().count();
    }

    private double gauge(String name, String symbol) {
        return registry.get(name).tag("symbol", symbol).gauge().value();
    }

    private static ReportData report(long lastIngestMs) {
        ReportData r = new ReportData();
        r.lastIngestMs = OptionalLong.of(lastIngestMs);
        return r;
    }
}
