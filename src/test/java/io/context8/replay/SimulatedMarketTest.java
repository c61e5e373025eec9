package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.context8.analytics.steps.ReportChain;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.context8.analytics.AnalyticsEngine;
import io.context8.analytics.DueReport;
import io.context8.book.Decimals;
import io.context8.book.OrderBook;
import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.IngestFrames;
import io.context8.ingest.IngestStatus;
import io.context8.recording.RecordedFrame;
import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;
import io.context8.schema.SchemaGuard;
import io.context8.testsupport.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The simulated market through the real ingest steps (normalizer, sequence tracker, envelope schema, snapshot
 * step) and the analytics engine: every frame is accepted, the book syncs once and never gaps, the analytics
 * book equals every bookTicker whose update id it reaches, and the reports are valid and synced. The same seed
 * and start time give the same frames; another seed another market.
 */
class SimulatedMarketTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final SimulatedMarket.Settings SETTINGS = new SimulatedMarket.Settings(42, 20, 0.6);

    private static List<String> first(SimulatedMarket m, int n) {
        List<String> out = new ArrayList<>(n);
        Iterator<RecordedFrame> it = m.frames();
        for (int i = 0; i < n; i++) {
            RecordedFrame f = it.next();
            out.add(f.localTimestamp() + " " + f.frame());
        }
        return out;
    }

    @Test
    void theSameSeedAndStartGiveTheSameFramesAnotherSeedOthers() {
        List<String> a = first(new SimulatedMarket(List.of("BTCUSDT", "ETHUSDT"), SETTINGS, () -> START), 20_000);
        List<String> b = first(new SimulatedMarket(List.of("BTCUSDT", "ETHUSDT"), SETTINGS, () -> START), 20_000);
        List<String> c = first(new SimulatedMarket(List.of("BTCUSDT", "ETHUSDT"),
                new SimulatedMarket.Settings(43, 20, 0.6), () -> START), 20_000);
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(new SimulatedMarket(List.of("BTCUSDT"), SETTINGS, () -> START).initialSnapshot("BTCUSDT"))
                .isEqualTo(new SimulatedMarket(List.of("BTCUSDT"), SETTINGS, () -> 0).initialSnapshot("BTCUSDT"));
    }

    @Test
    void unknownSymbolsGetAStartPriceFromTheirNameAndKnownOnesFromTheTable() {
        assertThat(SimulatedMarket.instrument("BTCUSDT")[0]).isEqualTo(60_000);
        double[] other = SimulatedMarket.instrument("FOOBARUSDT");
        assertThat(other[0]).isBetween(0.1, 9_000.0);
        assertThat(SimulatedMarket.instrument("FOOBARUSDT")).isEqualTo(other);
    }

    @Test
    void fourSimulatedMinutesThroughIngestAndAnalyticsStaySyncedAndMatchEveryBookTicker() throws Exception {
        List<String> symbols = List.of("BTCUSDT", "ETHUSDT");
        SimulatedMarket market = new SimulatedMarket(symbols, SETTINGS, () -> START);
        AtomicLong clock = new AtomicLong(START);
        AnalyticsEngine analytics = new AnalyticsEngine(symbols, "binance", TestSettings.analytics(), MAPPER,
                clock::get);
        IngestFrames ingest = new IngestFrames(new BinanceNormalizer(new ObjectMapper(), "binance"),
                new IngestStatus(5_000), new SimpleMeterRegistry(), Set.copyOf(symbols));
        SchemaGuard eventSchema = new SchemaGuard("schemas/market-event.schema.json", new ObjectMapper());
        JsonSchema reportSchema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/market-report.schema.json")) {
            reportSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(MAPPER.readTree(in));
        }
        CamelContext camel = new DefaultCamelContext();
        Map<String, TreeMap<Long, long[]>> pendingTickers = new HashMap<>();
        Map<String, Integer> matches = new HashMap<>();
        Map<String, Integer> trades = new HashMap<>();
        List<String> mismatches = new ArrayList<>();
        List<String> invalidReports = new ArrayList<>();
        List<JsonNode> lastReports = new ArrayList<>();
        Map<String, DueReport> latest = new TreeMap<>();
        int validated = 0;
        long[] seq = {0};
        int rejected = 0;
        int resyncs = 0;
        Iterator<RecordedFrame> frames = market.frames();
        long end = START + 4 * 60_000;
        long nextReport = START;
        while (true) {
            RecordedFrame f = frames.next();
            long ms = f.localEpochNanos() / 1_000_000;
            if (ms > end) {
                break;
            }
            Exchange ex = new DefaultExchange(camel);
            ex.getMessage().setBody(f.frame());
            ingest.normalize(ex);
            if (ex.getMessage().getHeader(IngestFrames.REJECTED) != null) {
                rejected++;
                continue;
            }
            String symbol = ex.getMessage().getHeader(RedisStreamConstants.SYMBOL, String.class);
            String type = ex.getMessage().getHeader(RedisStreamConstants.TYPE, String.class);
            boolean resync = Boolean.TRUE.equals(ex.getMessage().getHeader(IngestFrames.RESYNC, Boolean.class));
            toAnalytics(analytics, eventSchema, ex, seq, clock, ms, latest);
            if (resync) { // the REST snapshot, as the replay server answers it before any diff was applied
                resyncs++;
                ReplayBook rest = new ReplayBook(symbol);
                rest.applySnapshot(market.initialSnapshot(symbol));
                Exchange snap = new DefaultExchange(camel);
                snap.getMessage().setBody(rest.toJson(5000));
                snap.getMessage().setHeader(RedisStreamConstants.SYMBOL, symbol);
                ingest.snapshot(snap);
                toAnalytics(analytics, eventSchema, snap, seq, clock, ms, latest);
            }
            JsonNode d = MAPPER.readTree(f.frame()).path("data");
            TreeMap<Long, long[]> pending = pendingTickers.computeIfAbsent(symbol, k -> new TreeMap<>());
            OrderBook book = analytics.symbol(symbol).book();
            long id = analytics.symbol(symbol).sync().lastUpdateId();
            if ("book_ticker".equals(type)) {
                pending.put(d.path("u").asLong(), new long[] {Decimals.parse(d.path("b").asText()),
                        Decimals.parse(d.path("B").asText()), Decimals.parse(d.path("a").asText()),
                        Decimals.parse(d.path("A").asText())});
            } else if ("trade_tick".equals(type)) {
                trades.merge(symbol, 1, Integer::sum);
            }
            long[] t = pending.remove(id);
            if (t != null && analytics.symbol(symbol).sync().inSync()) {
                long[] b = {book.bestBidPrice(), book.bestBidQty(), book.bestAskPrice(), book.bestAskQty()};
                if (java.util.Arrays.equals(t, b)) {
                    matches.merge(symbol, 1, Integer::sum);
                } else {
                    mismatches.add(symbol + "@" + id + ": ticker " + java.util.Arrays.toString(t) + " book "
                            + java.util.Arrays.toString(b));
                }
            }
            pending.headMap(id, true).clear();
            if (ms >= nextReport || ms + 100 > end) { // the newest report of each symbol, every 10 s and at the end
                nextReport = ms + 10_000;
                lastReports.clear();
                for (DueReport r : latest.values()) {
                    JsonNode report = MAPPER.readTree(r.json());
                    lastReports.add(report);
                    validated++;
                    var errors = reportSchema.validate(report);
                    if (!errors.isEmpty()) {
                        invalidReports.add(errors.toString());
                    }
                }
            }
        }
        System.out.printf("SimulatedMarketTest: 4 simulated minutes; trades %s, bookTicker matches %s, resyncs %d, "
                + "%d reports validated; last reports: %s%n", trades, matches, resyncs, validated, summary(lastReports));
        assertThat(rejected).as("frames ingest rejected").isZero();
        assertThat(resyncs).as("one snapshot per symbol").isEqualTo(2);
        assertThat(mismatches).isEmpty();
        assertThat(invalidReports).isEmpty();
        for (String s : symbols) {
            assertThat(analytics.symbol(s).sync().inSync()).isTrue();
            assertThat(analytics.symbol(s).sync().gapCount()).isZero();
            assertThat(matches.get(s)).as(s + " bookTicker matches").isGreaterThan(300);
            // Poisson at 20/s for 240 s: 4 800 arrivals, each one trade per level it fills
            assertThat(trades.get(s)).isBetween(4_400, 7_000);
        }
        assertThat(lastReports).hasSize(2).allSatisfy(r -> {
            assertThat(r.at("/book/in_sync").asBoolean()).isTrue();
            assertThat(r.at("/book/crossed").asBoolean()).isFalse();
            assertThat(r.at("/book/bid_levels").asInt()).isGreaterThan(500);
        });
    }

    private static String summary(List<JsonNode> reports) {
        StringBuilder b = new StringBuilder();
        for (JsonNode r : reports) {
            b.append(r.path("symbol").asText()).append(" mid ").append(r.path("mid").asText())
                    .append(" spread_bps ").append(r.path("spread_bps").asText())
                    .append(" levels ").append(r.at("/book/bid_levels").asText()).append('/')
                    .append(r.at("/book/ask_levels").asText())
                    .append(" health ").append(r.at("/health/score").asText())
                    .append(" anomalies ").append(r.path("anomalies").size()).append("; ");
        }
        return b.toString();
    }

    private static void toAnalytics(AnalyticsEngine analytics, SchemaGuard schema, Exchange ex, long[] seq,
            AtomicLong clock, long ms, Map<String, DueReport> latest) {
        schema.validate(ex.getMessage().getBody(JsonNode.class));
        clock.set(ms);
        for (DueReport r : ReportChain.reports(analytics.onBatch(List.of(new StreamEntry((++seq[0]) + "-0",
                Map.of(RedisStreamConstants.FIELD_EVENT, ex.getMessage().getBody(JsonNode.class).toString()))), false))) {
            latest.put(r.symbol(), r);
        }
    }
}
