package io.context8.observability;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.context8.ingest.IngestStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ingest role's periodic log line per symbol: events written to the stream since the last line (from the
 * {@code context8_events_total{symbol,type}} counters) and the rate, plus the websocket state. Reads the
 * registry on its own timer thread; the ingest path is untouched.
 */
public final class IngestSummary implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.context8.ingest.Summary");

    private final MeterRegistry meters;
    private final IngestStatus status;
    private final long intervalMs;
    private final Map<String, Double> lastTotals = new TreeMap<>();
    private final ScheduledExecutorService timer;

    public IngestSummary(MeterRegistry meters, IngestStatus status, long intervalMs) {
        this.meters = meters;
        this.status = status;
        this.intervalMs = intervalMs;
        if (intervalMs > 0) {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "context8-ingest-summary");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::log, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        } else {
            this.timer = null;
        }
    }

    /** Events per symbol since the previous call (allocates; runs every interval, not per event). */
    Map<String, Long> eventsSinceLast() {
        Map<String, Double> totals = new TreeMap<>();
        for (Counter c : meters.find("context8.events").counters()) {
            totals.merge(c.getId().getTag("symbol"), c.count(), Double::sum);
        }
        Map<String, Long> delta = new TreeMap<>();
        totals.forEach((symbol, total) -> delta.put(symbol, Math.round(total - lastTotals.getOrDefault(symbol, 0.0))));
        lastTotals.putAll(totals);
        return delta;
    }

    private void log() {
        try {
            String websocket = status.websocket(System.currentTimeMillis());
            eventsSinceLast().forEach((symbol, n) -> LOG.atInfo().addKeyValue("symbol", symbol)
                    .addKeyValue("events", n).addKeyValue("events_per_sec", n * 1000.0 / intervalMs)
                    .addKeyValue("websocket", websocket)
                    .log("ingest summary {}: {} events in {} s, websocket {}", symbol, n, intervalMs / 1000.0,
                            websocket));
        } catch (RuntimeException e) {
            LOG.warn("Ingest summary failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
