package io.context8.observability;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.context8.analytics.AnalyticsObserver;
import io.context8.analytics.ReportData;
import io.context8.metrics.Anomaly;
import io.context8.metrics.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The analytics role's meters, registered once per configured symbol at start-up:
 * <ul>
 *   <li>{@code context8_stream_lag_ms{symbol}}: local time after a batch − newest {@code ts_ingest} of the
 *       symbol's events in it; 0 when the last batch held none of its events (the consumer has caught up);</li>
 *   <li>{@code context8_report_age_ms{symbol}}: at scrape time, local now − {@code timestamps.last_ingest} of
 *       the newest report built (grows when the feed stops); NaN before the first event;</li>
 *   <li>{@code context8_calc_latency_ms{symbol,metric}}: per report, {@code metric=metrics} (book and flow
 *       metrics over the snapshot) and {@code metric=serialize} (report JSON);</li>
 *   <li>{@code context8_health_score{symbol}}: the newest report's {@code health.score} (0-100); NaN before the
 *       first report;</li>
 *   <li>{@code context8_ingestion_status{symbol}}: the newest report's {@code ingestion.status} as a number: 1 ok,
 *       0.5 degraded, 0 down; NaN before the first report;</li>
 *   <li>{@code context8_anomalies_total{symbol,type,severity}}: onsets of the report's anomalies
 *       ({@code spoofing}, {@code iceberg}, {@code flash_crash_risk}): counted when a type appears in a report
 *       after a report without it, with the severity it appeared with, not on every report while it lasts;</li>
 *   <li>{@code context8_book_incidents_total{symbol,type}}: reports that entered an anomalous book state:
 *       {@code crossed_book} (best bid >= best ask), {@code book_gap} (a diff was missed),
 *       {@code stale_snapshot}; counted on the transition, not on every report while it lasts. Also the books
 *       discarded as suspect by the bookTicker check: {@code crossed_book} (caught at the diff, so a report never
 *       shows it), {@code book_ticker_mismatch}, {@code frozen_book};</li>
 *   <li>{@code context8_book_verifications_total{symbol,result=matched|mismatched}}: bookTickers compared with the
 *       book at their update id (the report's {@code book.verification} counts), added per report.</li>
 * </ul>
 * Also logs one summary line per symbol every {@code summaryIntervalMs} (from the consumer's own polls, which
 * run at least every block timeout), never a line per event. Updated on the consumer's single thread.
 */
public final class AnalyticsMeters implements AnalyticsObserver {

    private static final Logger LOG = LoggerFactory.getLogger("io.context8.analytics.Summary");

    /** One symbol's meters and the values its gauges read. */
    private static final class SymbolMeters {
        final DistributionSummary metricsLatency;
        final DistributionSummary serializeLatency;
        final LongSupplier clock;
        volatile long lagMs;
        volatile long reportIngestMs = -1;
        volatile double healthScore = Double.NaN;
        volatile double ingestionStatus = Double.NaN;
        /** Anomaly onsets by type (index of {@link #ANOMALY_TYPES}) and severity (ordinal). */
        final Counter[][] anomalyOnsets = new Counter[ANOMALY_TYPES.size()][Severity.values().length];
        /** Whether the previous report carried each anomaly type. */
        final boolean[] anomalyPresent = new boolean[ANOMALY_TYPES.size()];
        final boolean[] present = new boolean[ANOMALY_TYPES.size()];
        final Counter crossed;
        final Counter gap;
        final Counter staleSnapshot;
        final Counter mismatchIncident;
        final Counter frozenIncident;
        final Counter verifiedMatched;
        final Counter verifiedMismatched;
        /** The report's verification counts as last added to the counters. */
        long matched;
        long mismatched;
        long suspectCrossed;
        long suspectMismatch;
        long suspectFrozen;
        boolean wasCrossed;
        long reports;
        long batchesWithEvents;
        String bookState = "awaiting_snapshot";
        String ingestion = "down";

        SymbolMeters(MeterRegistry meters, String symbol, LongSupplier clock) {
            this.clock = clock;
            this.metricsLatency = latency(meters, symbol, "metrics");
            this.serializeLatency = latency(meters, symbol, "serialize");
            Gauge.builder("context8.stream.lag.ms", this, m -> m.lagMs)
                    .description("Local time after a batch minus the newest ts_ingest of the symbol in it; 0 when caught up")
                    .tag("symbol", symbol).register(meters);
            Gauge.builder("context8.report.age.ms", this, SymbolMeters::reportAgeMs)
                    .description("Local now minus timestamps.last_ingest of the newest report; NaN before any event")
                    .tag("symbol", symbol).register(meters);
            Gauge.builder("context8.health.score", this, m -> m.healthScore)
                    .description("Newest report's health score, 0-100").tag("symbol", symbol).register(meters);
            Gauge.builder("context8.ingestion.status", this, m -> m.ingestionStatus)
                    .description("Newest report's ingestion status: 1 ok, 0.5 degraded, 0 down")
                    .tag("symbol", symbol).register(meters);
            for (int t = 0; t < ANOMALY_TYPES.size(); t++) {
                for (Severity sev : Severity.values()) {
                    anomalyOnsets[t][sev.ordinal()] = Counter.builder("context8.anomalies")
                            .description("Anomalies appearing in a symbol's reports (onsets), by type and severity")
                            .tag("symbol", symbol).tag("type", ANOMALY_TYPES.get(t)).tag("severity", sev.json())
                            .register(meters);
                }
            }
            this.crossed = incident(meters, symbol, "crossed_book");
            this.gap = incident(meters, symbol, "book_gap");
            this.staleSnapshot = incident(meters, symbol, "stale_snapshot");
            this.mismatchIncident = incident(meters, symbol, "book_ticker_mismatch");
            this.frozenIncident = incident(meters, symbol, "frozen_book");
            this.verifiedMatched = verification(meters, symbol, "matched");
            this.verifiedMismatched = verification(meters, symbol, "mismatched");
        }

        private static Counter verification(MeterRegistry meters, String symbol, String result) {
            return Counter.builder("context8.book.verifications")
                    .description("bookTickers compared with the local book at their update id, by result")
                    .tag("symbol", symbol).tag("result", result).register(meters);
        }

        /** Adds the growth of the report's verification counts (they restart at 0 with the process). */
        void verification(ReportData r) {
            matched = add(verifiedMatched, r.verifyMatched, matched);
            mismatched = add(verifiedMismatched, r.verifyMismatched, mismatched);
            suspectCrossed = add(crossed, r.suspectCrossed, suspectCrossed);
            suspectMismatch = add(mismatchIncident, r.suspectMismatch, suspectMismatch);
            suspectFrozen = add(frozenIncident, r.suspectFrozen, suspectFrozen);
        }

        private static long add(Counter c, long now, long before) {
            if (now > before) {
                c.increment(now - before);
            }
            return now;
        }

        double reportAgeMs() {
            long ingest = reportIngestMs;
            return ingest < 0 ? Double.NaN : Math.max(0, clock.getAsLong() - ingest);
        }

        private static Counter incident(MeterRegistry meters, String symbol, String type) {
            return Counter.builder("context8.book.incidents").description("Reports entering an anomalous book state")
                    .tag("symbol", symbol).tag("type", type).register(meters);
        }

        private static DistributionSummary latency(MeterRegistry meters, String symbol, String metric) {
            return DistributionSummary.builder("context8.calc.latency.ms")
                    .description("Time to compute a report's metrics (metric=metrics) and to write its JSON (metric=serialize)")
                    .tag("symbol", symbol).tag("metric", metric)
                    .serviceLevelObjectives(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25)
                    .register(meters);
        }
    }

    /** The report's anomaly types (docs/metrics.md). */
    static final List<String> ANOMALY_TYPES = List.of("spoofing", "iceberg", "flash_crash_risk");

    private final Map<String, SymbolMeters> bySymbol = new HashMap<>();
    /** Per step of build-market-report (its node id), registered at its first report. */
    private final Map<String, DistributionSummary> steps = new HashMap<>();
    private final MeterRegistry registry;
    private final long summaryIntervalMs;
    private long lastSummaryMs = -1;

    public AnalyticsMeters(MeterRegistry meters, List<String> symbols, long summaryIntervalMs, LongSupplier clock) {
        for (String s : symbols) {
            bySymbol.put(s, new SymbolMeters(meters, s, clock));
        }
        this.summaryIntervalMs = summaryIntervalMs;
        this.registry = meters;
    }

    @Override
    public void reportStep(String step, long nanos) {
        DistributionSummary d = steps.get(step);
        if (d == null) {
            d = DistributionSummary.builder("context8.report.step.latency.ms")
                    .description("Time of one step of the route build-market-report per report (step = its node id)")
                    .tag("step", step).serviceLevelObjectives(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)
                    .register(registry);
            steps.put(step, d);
        }
        d.record(nanos / 1e6);
    }

    @Override
    public void batchApplied(String symbol, long newestIngestMs, long nowMs) {
        SymbolMeters m = bySymbol.get(symbol);
        if (m == null) {
            return;
        }
        if (newestIngestMs < 0) {
            m.lagMs = 0;
        } else {
            m.lagMs = Math.max(0, nowMs - newestIngestMs);
            m.batchesWithEvents++;
        }
        if (lastSummaryMs < 0) {
            lastSummaryMs = nowMs;
        } else if (summaryIntervalMs > 0 && nowMs - lastSummaryMs >= summaryIntervalMs) {
            lastSummaryMs = nowMs;
            summary();
        }
    }

    @Override
    public void reportBuilt(String symbol, long metricsNanos, long serializeNanos, ReportData report) {
        SymbolMeters m = bySymbol.get(symbol);
        if (m == null) {
            return;
        }
        m.metricsLatency.record(metricsNanos / 1e6);
        m.serializeLatency.record(serializeNanos / 1e6);
        m.reportIngestMs = report.lastIngestMs.orElse(-1);
        m.reports++;
        String state = report.bookState;
        if (!state.equals(m.bookState)) {
            if ("gap".equals(state)) {
                m.gap.increment();
            } else if ("stale_snapshot".equals(state)) {
                m.staleSnapshot.increment();
            }
        }
        if (report.crossed && !m.wasCrossed) {
            m.crossed.increment();
        }
        m.wasCrossed = report.crossed;
        m.verification(report);
        m.bookState = state;
        m.ingestion = report.ingestionStatus;
        m.ingestionStatus = switch (report.ingestionStatus) {
            case "ok" -> 1.0;
            case "degraded" -> 0.5;
            default -> 0.0;
        };
        m.healthScore = report.healthScore;
        countAnomalyOnsets(m, report.anomalies);
    }

    private static void countAnomalyOnsets(SymbolMeters m, List<Anomaly> anomalies) {
        Arrays.fill(m.present, false);
        for (int i = 0; i < anomalies.size(); i++) {
            Anomaly a = anomalies.get(i);
            int t = ANOMALY_TYPES.indexOf(a.type());
            if (t < 0 || m.present[t]) {
                continue;
            }
            m.present[t] = true;
            if (!m.anomalyPresent[t]) {
                m.anomalyOnsets[t][a.severity().ordinal()].increment();
            }
        }
        System.arraycopy(m.present, 0, m.anomalyPresent, 0, m.present.length);
    }

    /** Stream lag of a symbol as its gauge reads it (tests). */
    public long lagMs(String symbol) {
        return bySymbol.get(symbol).lagMs;
    }

    /** Report age of a symbol as its gauge reads it (tests). */
    public double reportAgeMs(String symbol) {
        return bySymbol.get(symbol).reportAgeMs();
    }

    private void summary() {
        bySymbol.forEach((symbol, m) -> {
            double age = m.reportAgeMs();
            LOG.atInfo().addKeyValue("symbol", symbol).addKeyValue("lag_ms", m.lagMs)
                    .addKeyValue("report_age_ms", Double.isNaN(age) ? null : (long) age)
                    .addKeyValue("reports", m.reports).addKeyValue("batches_with_events", m.batchesWithEvents)
                    .addKeyValue("book", m.bookState).addKeyValue("ingestion", m.ingestion)
                    .log("analytics summary {}: {} reports, {} batches with events, lag {} ms, book {}, ingestion {}",
                            symbol, m.reports, m.batchesWithEvents, m.lagMs, m.bookState, m.ingestion);
            m.reports = 0;
            m.batchesWithEvents = 0;
        });
    }
}
