package io.context8.analytics;

import static io.context8.analytics.Envelopes.diff;
import static io.context8.analytics.Envelopes.entry;
import static io.context8.analytics.Envelopes.snapshot;
import static io.context8.analytics.Envelopes.ticker;
import static io.context8.analytics.Envelopes.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.context8.analytics.steps.ReportChain;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.context8.redis.StreamEntry;
import io.context8.testsupport.TestSettings;

class AnalyticsEngineTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = 1_723_161_255_000L;
    private static JsonSchema reportSchema;

    private final AtomicLong now = new AtomicLong(T0 + 100);
    private final AnalyticsEngine engine = new AnalyticsEngine(List.of("BTCUSDT", "ETHUSDT"), "binance",
            TestSettings.analytics(), MAPPER, now::get);

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = AnalyticsEngineTest.class.getResourceAsStream("/schemas/market-report.schema.json")) {
            reportSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(MAPPER.readTree(in));
        }
    }

    @Test
    @DisplayName("before any event: a report per configured symbol, ingestion down, every value null")
    void reportsBeforeAnyEvent() throws IOException {
        List<DueReport> due = ReportChain.reports(engine.onBatch(List.of()));
        assertThat(due).extracting(DueReport::symbol).containsExactly("BTCUSDT", "ETHUSDT");
        JsonNode r = valid(due.get(0));
        assertThat(r.at("/ingestion/status").asText()).isEqualTo("down");
        assertThat(r.at("/book/state").asText()).as("not awaiting a snapshot: nothing came at all").isEqualTo("no_data");
        assertThat(r.get("mid").isNull()).isTrue();
        assertThat(r.get("last_price").isNull()).isTrue();
        assertThat(r.get("ticker_24h").isNull()).isTrue();
        assertThat(r.get("data_age_ms").isNull()).isTrue();
        assertThat(r.at("/flow/orders_per_sec").isNull()).isTrue();
        assertThat(r.get("fresh").asBoolean()).isFalse();
        assertThat(r.at("/health/score").isNull()).as("nothing to score: " + r.get("health")).isTrue();
        assertThat(r.at("/health/reason").asText()).isEqualTo("no market data received for this symbol yet");
        assertThat(r.get("market_time").isNull()).isTrue();
        assertThat(r.at("/source/kind").asText()).as("no heartbeat read yet").isEqualTo("unknown");
    }

    @Test
    @DisplayName("ingestion down caps the health score at 25, with the reason; ok leaves it alone")
    void downCapsTheHealthScore() throws IOException {
        engine.onIngestStatus("{\"websocket\":\"receiving\"}");
        List<StreamEntry> batch = List.of(
                snapshot("BTCUSDT", 10, "[[\"100.00\",\"500\"]]", "[[\"100.01\",\"500\"]]", T0),
                trade("BTCUSDT", 1, "100.00", "1.0", "buy", T0 + 50),
                trade("BTCUSDT", 2, "100.01", "1.0", "sell", T0 + 60));
        JsonNode ok = valid(report(ReportChain.reports(engine.onBatch(batch)), "BTCUSDT"));
        assertThat(ok.at("/ingestion/status").asText()).isEqualTo("ok");
        assertThat(ok.at("/health/score").asDouble()).isGreaterThan(25);
        assertThat(ok.at("/health/reason").isNull()).isTrue();
        now.set(T0 + 30_000);
        JsonNode down = valid(report(ReportChain.reports(engine.onBatch(List.of())), "BTCUSDT"));
        assertThat(down.at("/ingestion/status").asText()).isEqualTo("down");
        assertThat(down.at("/health/score").asDouble()).isEqualTo(25.0);
        assertThat(down.at("/health/reason").asText()).isEqualTo("ingestion is down: score capped at 25");
    }

    @Test
    @DisplayName("source comes from ingest's heartbeat and stays while the heartbeat is missing")
    void sourceFromTheHeartbeat() throws IOException {
        engine.onIngestStatus("{\"websocket\":\"receiving\",\"source\":{\"kind\":\"replay\",\"speed\":\"20x\","
                + "\"recording\":[\"btcusdt_20240808.gz\",\"btcusdt_20240809.gz\"]}}");
        JsonNode r = valid(report(ReportChain.reports(engine.onBatch(List.of(trade("BTCUSDT", 1, "1.0", "1.0", "buy", T0)))), "BTCUSDT"));
        assertThat(r.get("source").toString()).isEqualTo("{\"kind\":\"replay\",\"speed\":\"20x\","
                + "\"recording\":[\"btcusdt_20240808.gz\",\"btcusdt_20240809.gz\"]}");
        assertThat(r.get("market_time").asText()).isEqualTo("2024-08-08T23:54:15Z");
        engine.onIngestStatus("");
        now.addAndGet(1_000);
        r = valid(report(ReportChain.reports(engine.onBatch(List.of())), "BTCUSDT"));
        assertThat(r.at("/source/kind").asText()).isEqualTo("replay");
        engine.onIngestStatus("{\"websocket\":\"receiving\",\"source\":{\"kind\":\"simulated\",\"speed\":null,"
                + "\"recording\":null}}");
        now.addAndGet(1_000);
        r = valid(report(ReportChain.reports(engine.onBatch(List.of())), "BTCUSDT"));
        assertThat(r.get("source").toString()).as("any configured kind passes through")
                .isEqualTo("{\"kind\":\"simulated\",\"speed\":null,\"recording\":null}");
    }

    @Test
    @DisplayName("snapshot + diffs + trades: synced book, metrics, flow and ok status")
    void fullState() throws IOException {
        engine.onIngestStatus("{\"websocket\":\"receiving\"}");
        List<StreamEntry> batch = new ArrayList<>();
        // diffs before the snapshot are buffered (Binance procedure): the first is older than the snapshot
        batch.add(diff("BTCUSDT", 90, 100, "[[\"99.00\",\"0\"]]", "[]", T0));
        batch.add(diff("BTCUSDT", 101, 105, "[[\"100.00\",\"2.0\"]]", "[]", T0 + 100));
        batch.add(snapshot("BTCUSDT", 102, "[[\"100.00\",\"1.0\"],[\"99.00\",\"3.0\"]]",
                "[[\"101.00\",\"1.0\"],[\"102.00\",\"4.0\"]]", T0 + 150));
        batch.add(diff("BTCUSDT", 106, 106, "[]", "[[\"101.00\",\"2.0\"]]", T0 + 200));
        batch.add(trade("BTCUSDT", 1, "100.5", "0.5", "buy", T0 + 1_000));
        batch.add(trade("BTCUSDT", 2, "100.4", "0.2", "sell", T0 + 2_000));
        batch.add(ticker("BTCUSDT", "100.4", T0 + 2_000));
        now.set(T0 + 2_300);
        JsonNode r = valid(report(ReportChain.reports(engine.onBatch(batch)), "BTCUSDT"));

        assertThat(r.at("/book/state").asText()).isEqualTo("synced");
        assertThat(r.at("/book/update_id").asLong()).isEqualTo(106);
        assertThat(r.at("/book/best_bid/price").asDouble()).isEqualTo(100.0);
        assertThat(r.at("/book/best_bid/qty").asDouble()).as("diff 101-105 applied over the snapshot").isEqualTo(2.0);
        assertThat(r.at("/book/best_ask/qty").asDouble()).isEqualTo(2.0);
        assertThat(r.get("mid").asDouble()).isEqualTo(100.5);
        assertThat(r.get("spread_bps").asDouble()).as("bps to 0.01").isCloseTo(1.0 / 100.5 * 1e4, within(0.005));
        assertThat(r.get("micro_price").asDouble()).isEqualTo((100.0 * 2 + 101.0 * 2) / 4);
        assertThat(r.get("imbalance").asDouble()).as("ratio to 4 decimals").isCloseTo((5.0 - 6.0) / 11.0, within(5e-5));
        assertThat(r.at("/depth/bids/0/0").asDouble()).isEqualTo(100.0);
        assertThat(r.at("/depth/asks/1/1").asDouble()).isEqualTo(4.0);
        assertThat(r.at("/depth/bid_notional").asDouble()).isCloseTo(100.0 * 2 + 99.0 * 3, within(1e-9));
        assertThat(r.get("last_price").asDouble()).isEqualTo(100.4);
        assertThat(r.at("/flow/trades_per_sec").asDouble()).isEqualTo(0.2);
        assertThat(r.at("/flow/book_updates_per_sec").asDouble()).as("diff 106 changed one level of the synced book")
                .isEqualTo(0.1);
        assertThat(r.at("/flow/orders_per_sec").asDouble()).as("trades + level changes per second").isEqualTo(0.3);
        assertThat(r.at("/flow/net_flow").asDouble()).isCloseTo(0.3, within(1e-12));
        assertThat(r.at("/ticker_24h/trade_count").asLong()).isEqualTo(42);
        assertThat(r.at("/ticker_24h/price_change").asDouble()).isEqualTo(-1.5);
        assertThat(r.get("data_age_ms").asLong()).isEqualTo(300);
        assertThat(r.get("fresh").asBoolean()).isTrue();
        assertThat(r.at("/ingestion/status").asText()).isEqualTo("ok");
        assertThat(r.at("/timestamps/last_event").asText()).isEqualTo("2024-08-08T23:54:17Z");
    }

    @Test
    @DisplayName("every entry delivered twice gives the same report")
    void idempotent() throws IOException {
        List<StreamEntry> batch = List.of(
                snapshot("BTCUSDT", 10, "[[\"100.00\",\"1.0\"]]", "[[\"101.00\",\"1.0\"]]", T0),
                diff("BTCUSDT", 11, 12, "[[\"100.00\",\"3.0\"]]", "[[\"101.50\",\"1.0\"]]", T0 + 100),
                trade("BTCUSDT", 7, "100.5", "1.0", "buy", T0 + 200),
                ticker("BTCUSDT", "100.5", T0 + 300));
        AnalyticsEngine twice = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, now::get);
        AnalyticsEngine once = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, now::get);
        List<StreamEntry> doubled = new ArrayList<>();
        for (StreamEntry e : batch) {
            doubled.add(e);
            doubled.add(e);
        }
        doubled.addAll(batch);
        assertThat(report(ReportChain.reports(twice.onBatch(doubled)), "BTCUSDT").json())
                .isEqualTo(report(ReportChain.reports(once.onBatch(batch)), "BTCUSDT").json());
    }

    @Test
    @DisplayName("cadence: no second report inside the interval, one after it, one per heartbeat when idle")
    void cadence() {
        ReportChain.reports(engine.onBatch(List.of(trade("BTCUSDT", 1, "1.0", "1.0", "buy", T0))));
        now.addAndGet(50);
        assertThat(ReportChain.reports(engine.onBatch(List.of(trade("BTCUSDT", 2, "1.0", "1.0", "buy", T0 + 50))))).isEmpty();
        now.addAndGet(50);
        assertThat(ReportChain.reports(engine.onBatch(List.of()))).extracting(DueReport::symbol).containsExactly("BTCUSDT");
        now.addAndGet(500);
        assertThat(ReportChain.reports(engine.onBatch(List.of()))).as("unchanged, heartbeat not yet due").isEmpty();
        now.addAndGet(500);
        assertThat(ReportChain.reports(engine.onBatch(List.of()))).extracting(DueReport::symbol).containsExactly("BTCUSDT", "ETHUSDT");
    }

    @Test
    @DisplayName("a gap takes the book out of sync: no book values, status degraded")
    void gapDegrades() throws IOException {
        engine.onIngestStatus("{\"websocket\":\"receiving\"}");
        ReportChain.reports(engine.onBatch(List.of(snapshot("BTCUSDT", 10, "[[\"100.00\",\"1.0\"]]", "[[\"101.00\",\"1.0\"]]", T0))));
        now.addAndGet(1_000);
        JsonNode r = valid(report(ReportChain.reports(engine.onBatch(List.of(
                diff("BTCUSDT", 20, 21, "[]", "[]", T0 + 900)))), "BTCUSDT"));
        assertThat(r.at("/book/state").asText()).isEqualTo("gap");
        assertThat(r.at("/book/in_sync").asBoolean()).isFalse();
        assertThat(r.at("/book/best_bid").isNull()).isTrue();
        assertThat(r.get("mid").isNull()).isTrue();
        assertThat(r.at("/ingestion/status").asText()).isEqualTo("degraded");
    }

    @Test
    @DisplayName("bad entries are skipped and counted; other symbols are ignored; the batch goes on")
    void badEntries() {
        ReportChain.reports(engine.onBatch(List.of(
                new StreamEntry("1-0", Map.of("type", "x")),
                entry("not json"),
                entry(Envelopes.env("mystery", "BTCUSDT", T0, "{}")),
                entry(Envelopes.env("trade_tick", "BTCUSDT", T0, "{\"trade_id\":1,\"price\":\"abc\",\"qty\":\"1\"}")),
                trade("DOGEUSDT", 1, "0.1", "5", "buy", T0),
                trade("BTCUSDT", 1, "100.0", "1.0", "buy", T0))));
        assertThat(engine.invalid()).isEqualTo(4);
        assertThat(engine.otherSymbols()).isEqualTo(1);
        assertThat(engine.applied()).isEqualTo(1);
    }

    @Test
    @DisplayName("no ingest heartbeat: degraded while events are fresh, then down; stale data: down after the limit")
    void ingestionStatus() throws IOException {
        JsonNode r = valid(report(ReportChain.reports(engine.onBatch(List.of(
                snapshot("BTCUSDT", 10, "[[\"100.00\",\"1.0\"]]", "[[\"101.00\",\"1.0\"]]", T0)))), "BTCUSDT"));
        assertThat(r.get("fresh").asBoolean()).isTrue();
        assertThat(r.at("/ingestion/status").asText()).as("fresh events, heartbeat not read yet").isEqualTo("degraded");
        assertThat(r.at("/ingestion/reason").asText()).contains("heartbeat is missing");
        now.set(T0 + 2_000);
        r = valid(report(ReportChain.reports(engine.onBatch(List.of())), "BTCUSDT"));
        assertThat(r.at("/ingestion/status").asText()).isEqualTo("down");
        assertThat(r.at("/ingestion/websocket").asText()).isEqualTo("unknown");

        engine.onIngestStatus("{\"websocket\":\"receiving\"}");
        now.set(T0 + 4_000);
        r = valid(report(ReportChain.reports(engine.onBatch(List.of())), "BTCUSDT"));
        assertThat(r.at("/ingestion/status").asText()).isEqualTo("degraded");
        assertThat(r.get("fresh").asBoolean()).isFalse();

        now.set(T0 + 20_000);
        r = valid(report(ReportChain.reports(engine.onBatch(List.of())), "BTCUSDT"));
        assertThat(r.at("/ingestion/status").asText()).isEqualTo("down");
        assertThat(r.get("data_age_ms").asLong()).isEqualTo(20_000);
    }

    @Test
    @DisplayName("a symbol without any event while another has data: reports say so, one warning after 30 s")
    void symbolWithoutDataIsReportedAndLoggedOnce() throws IOException {
        var lines = captureLog();
        try {
            engine.onIngestStatus("{\"websocket\":\"receiving\"}");
            List<StreamEntry> batch = List.of(snapshot("BTCUSDT", 102, "[[\"100.00\",\"1.0\"]]",
                    "[[\"101.00\",\"1.0\"]]", T0 + 50), trade("BTCUSDT", 1, "100.5", "0.5", "buy", T0 + 60));
            ReportChain.reports(engine.onBatch(batch));
            for (long t = 1_000; t <= 40_000; t += 1_000) {
                now.set(T0 + 100 + t);
                ReportChain.reports(engine.onBatch(List.of(trade("BTCUSDT", t, "100.5", "0.5", "buy", T0 + 100 + t))));
            }
            now.addAndGet(1_000); // the next heartbeat report
            JsonNode eth = valid(report(ReportChain.reports(engine.onBatch(List.of())), "ETHUSDT"));
            assertThat(eth.at("/book/state").asText()).isEqualTo("no_data");
            assertThat(eth.at("/ingestion/status").asText()).isEqualTo("down");
            assertThat(eth.at("/ingestion/reason").asText()).startsWith("no data for this symbol yet");
            List<String> warnings = lines.list.stream()
                    .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).as("once, after 30 s").hasSize(1);
            assertThat(warnings.get(0)).startsWith("No data for ETHUSDT 30 s after start while BTCUSDT has data")
                    .contains("no data for this symbol yet");
        } finally {
            engineLogger().detachAppender(lines);
        }
    }

    @Test
    @DisplayName("no symbol has data: no per-symbol warning (the feed is down, as every report says)")
    void noWarningWhenNoSymbolHasData() {
        var lines = captureLog();
        try {
            for (long t = 0; t <= 60_000; t += 1_000) {
                now.set(T0 + 100 + t);
                ReportChain.reports(engine.onBatch(List.of()));
            }
            assertThat(lines.list).isEmpty();
        } finally {
            engineLogger().detachAppender(lines);
        }
    }

    private static ch.qos.logback.classic.Logger engineLogger() {
        return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(AnalyticsEngine.class);
    }

    /** The engine's log lines from now on (detach from {@link #engineLogger()} when done). */
    private static ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captureLog() {
        var lines = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        lines.start();
        engineLogger().addAppender(lines);
        return lines;
    }

    private static DueReport report(List<DueReport> due, String symbol) {
        return due.stream().filter(d -> d.symbol().equals(symbol)).findFirst().orElseThrow();
    }

    private static JsonNode valid(DueReport report) throws IOException {
        JsonNode n = MAPPER.readTree(report.json());
        assertThat(reportSchema.validate(n)).as("schema errors").isEmpty();
        return n;
    }
}
