package io.context8.analytics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.context8.book.Decimals;
import io.context8.book.DecimalText;
import io.context8.metrics.Anomaly;
import io.context8.metrics.HealthScore;
import io.context8.metrics.Vacuums;
import io.context8.metrics.VolumeProfile;
import io.context8.metrics.Walls;

/**
 * Writes a {@link ReportData} as the report JSON of {@code schemas/market-report.schema.json}. Streams with a
 * JsonGenerator (no tree) wrapped in {@link ReportNumbers}, which writes every number as plain decimal text by
 * its kind (price on the symbol's tick, quantity on its step, notional, bps, ratio, score; docs/metrics.md
 * "Numbers"). Timestamps are RFC 3339 UTC; an empty optional or a non-finite number is written as null.
 * Allocates the output string and one generator per report; one writer per thread.
 */
public final class ReportWriter {

    public static final int SCHEMA_VERSION = 1;

    private final JsonFactory factory = new JsonFactory();
    /** Number text buffer of {@link ReportNumbers}, reused: a writer is used by one thread. */
    private final char[] numberText = new char[DecimalText.MAX_CHARS];

    public String write(ReportData r) {
        StringWriter out = new StringWriter(4096);
        try (ReportNumbers g = new ReportNumbers(factory.createGenerator(out), numberText, r.tickSize, r.stepSize)) {
            g.writeStartObject();
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            g.writeStringField("symbol", r.symbol);
            g.writeStringField("venue", r.venue);
            source(g, r.source);
            notComputed(g, r);

            g.writeObjectFieldStart("timestamps");
            g.writeStringField("generated_at", Instant.ofEpochMilli(r.generatedAtMs).toString());
            time(g, "last_event", r.lastEventMs);
            time(g, "last_ingest", r.lastIngestMs);
            g.writeEndObject();

            g.price("last_price", r.lastPrice);
            ticker(g, r.ticker);

            g.writeObjectFieldStart("book");
            g.writeStringField("state", r.bookState);
            g.writeBooleanField("in_sync", r.inSync);
            integer(g, "update_id", r.updateId);
            g.writeBooleanField("crossed", r.crossed);
            level(g, "best_bid", r.bestBidPrice, r.bestBidQty);
            level(g, "best_ask", r.bestAskPrice, r.bestAskQty);
            increments(g, r);
            coverage(g, r);
            g.writeNumberField("bid_levels", r.bidLevels);
            g.writeNumberField("ask_levels", r.askLevels);
            verification(g, r);
            g.writeEndObject();

            g.bps("spread_bps", r.spreadBps);
            g.derivedPrice("mid", r.mid);
            g.derivedPrice("micro_price", r.microPrice);
            g.ratio("imbalance", r.imbalance);

            if (!r.isComputed(ReportSection.TOP_OF_BOOK)) {
                g.writeNullField("depth");
            } else {
            g.writeObjectFieldStart("depth");
            g.writeNumberField("levels", r.depthLevels);
            levels(g, "bids", r.depthBids, r.bidCount);
            levels(g, "asks", r.depthAsks, r.askCount);
            g.qty("bid_qty", r.bidQty);
            g.qty("ask_qty", r.askQty);
            g.quote("bid_notional", r.bidNotional);
            g.quote("ask_notional", r.askNotional);
            g.writeEndObject();
            }

            if (!r.isComputed(ReportSection.FLOW)) {
                g.writeNullField("flow");
            } else {
            g.writeObjectFieldStart("flow");
            number(g, "orders_per_sec", r.ordersPerSec);
            number(g, "trades_per_sec", r.tradesPerSec);
            number(g, "book_updates_per_sec", r.bookUpdatesPerSec);
            g.writeNumberField("orders_window_s", r.ordersWindowS);
            g.qty("net_flow", r.netFlow);
            g.writeNumberField("net_flow_window_s", r.netFlowWindowS);
            g.qty("ofi", r.ofi);
            g.writeNumberField("ofi_window_s", r.netFlowWindowS);
            g.writeNumberField("ofi_events", r.ofiEvents);
            g.writeEndObject();
            }

            liquidity(g, r);
            anomalies(g, r);
            health(g, r);

            time(g, "market_time", r.lastEventMs);
            if (r.isComputed(ReportSection.INGESTION)) {
                integer(g, "data_age_ms", r.dataAgeMs);
                g.writeBooleanField("fresh", r.fresh);
                g.writeObjectFieldStart("ingestion");
                g.writeStringField("status", r.ingestionStatus);
                g.writeStringField("reason", r.ingestionReason);
                g.writeStringField("websocket", r.websocket);
                g.writeEndObject();
            } else {
                g.writeNullField("data_age_ms");
                g.writeNullField("fresh");
                g.writeNullField("ingestion");
            }

            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void verification(JsonGenerator g, ReportData r) throws IOException {
        g.writeObjectFieldStart("verification");
        g.writeNumberField("matched", r.verifyMatched);
        g.writeNumberField("mismatched", r.verifyMismatched);
        time(g, "last_mismatch_at", r.lastMismatchMs);
        g.writeNumberField("suspicions", r.suspicions);
        g.writeStringField("suspect_reason", r.suspectReason);
        g.writeEndObject();
    }

    private static void liquidity(ReportNumbers g, ReportData r) throws IOException {
        g.writeObjectFieldStart("liquidity");
        g.qty("level_qty_p95", r.levelQtyP95);
        g.qty("level_qty_p10", r.levelQtyP10);
        g.qty("wall_threshold_qty", r.wallThreshold);
        boolean wallsComputed = r.isComputed(ReportSection.WALLS_VACUUMS);
        if (!wallsComputed) {
            g.writeNullField("walls");
        } else {
        g.writeArrayFieldStart("walls");
        for (int i = 0; i < r.walls.size(); i++) {
            Walls.Wall w = r.walls.get(i);
            g.writeStartObject();
            g.writeStringField("side", w.bid() ? "bid" : "ask");
            g.price("price", w.price());
            g.qty("qty", w.qty());
            g.bps("distance_bps", w.distanceBps());
            g.ratio("threshold_ratio", w.ratio());
            g.writeStringField("severity", w.severity().json());
            g.writeEndObject();
        }
        g.writeEndArray();
        }
        if (!wallsComputed) {
            g.writeNullField("vacuums");
        } else {
        g.writeArrayFieldStart("vacuums");
        for (int i = 0; i < r.vacuums.size(); i++) {
            Vacuums.Vacuum v = r.vacuums.get(i);
            g.writeStartObject();
            g.writeStringField("side", v.bid() ? "bid" : "ask");
            g.price("from", v.from());
            g.price("to", v.to());
            g.writeNumberField("thin_levels", v.thinLevels());
            g.bps("width_bps", v.widthBps());
            g.bps("distance_bps", v.distanceBps());
            g.writeStringField("severity", v.severity().json());
            g.writeEndObject();
        }
        g.writeEndArray();
        }
        VolumeProfile.Result p = r.profile;
        if (!r.isComputed(ReportSection.PROFILE)) {
            g.writeNullField("profile");
            g.writeStringField("profile_note", PROFILE_NOT_COMPUTED);
        } else if (p.available) {
            g.writeObjectFieldStart("profile");
            g.writeNumberField("window_s", r.profileWindowS);
            g.exact("bin_size", p.binSize);
            g.exact("poc", p.poc);
            g.exact("vah", p.vah);
            g.exact("val", p.val);
            g.qty("volume", p.volume);
            g.qty("value_area_volume", p.valueAreaVolume);
            g.writeNumberField("trade_count", p.tradeCount);
            g.writeEndObject();
            g.writeNullField("profile_note");
        } else {
            g.writeNullField("profile");
            g.writeStringField("profile_note", p.reason);
        }
        if (r.bandsAvailable) {
            g.writeObjectFieldStart("bands");
            g.writeArrayFieldStart("depth");
            for (int i = 0; i < r.bandPct.length; i++) {
                g.writeStartObject();
                g.writeNumberField("pct", r.bandPct[i]);
                g.qty("bid_qty", r.bandBidQty[i]);
                g.qty("ask_qty", r.bandAskQty[i]);
                g.quote("bid_notional", r.bandBidNotional[i]);
                g.quote("ask_notional", r.bandAskNotional[i]);
                g.writeBooleanField("partial", r.bandPartial[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("slippage");
            for (int i = 0; i < r.slippageQuote.length; i++) {
                g.writeStartObject();
                g.quote("quote", r.slippageQuote[i]);
                g.bps("buy_bps", r.slippageBuyBps[i]);
                g.bps("sell_bps", r.slippageSellBps[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } else {
            g.writeNullField("bands");
        }
        g.writeEndObject();
    }

    /** {@code book.increments}: the tick and step the numbers are rounded to, and where they came from. */
    private static void increments(ReportNumbers g, ReportData r) throws IOException {
        if (r.incrementsSource == null) {
            g.writeNullField("increments");
            return;
        }
        g.writeObjectFieldStart("increments");
        g.exact("tick_size", Decimals.toDouble(r.tickSize));
        g.exact("step_size", Decimals.toDouble(r.stepSize));
        g.writeStringField("source", r.incrementsSource);
        g.writeEndObject();
    }

    /** {@code book.coverage}: the price range the last snapshot reached; null while the book is not in sync. */
    private static void coverage(ReportNumbers g, ReportData r) throws IOException {
        if (!r.inSync || r.coverageBidLow.isEmpty() && r.coverageAskHigh.isEmpty()) {
            g.writeNullField("coverage");
            return;
        }
        g.writeObjectFieldStart("coverage");
        g.price("bid_low", r.coverageBidLow);
        g.price("ask_high", r.coverageAskHigh);
        g.writeBooleanField("bid_complete", r.coverageBidComplete);
        g.writeBooleanField("ask_complete", r.coverageAskComplete);
        g.writeNumberField("snapshot_limit", r.snapshotLimit);
        g.writeEndObject();
    }

    private static void anomalies(ReportNumbers g, ReportData r) throws IOException {
        if (!r.anomaliesComputed()) {
            g.writeNullField("anomalies");
            return;
        }
        g.writeArrayFieldStart("anomalies");
        for (int i = 0; i < r.anomalies.size(); i++) {
            Anomaly a = r.anomalies.get(i);
            g.writeStartObject();
            g.writeStringField("type", a.type());
            g.writeStringField("severity", a.severity().json());
            g.writeStringField("note", a.note());
            g.writeObjectFieldStart("evidence");
            for (Map.Entry<String, Object> e : a.evidence().entrySet()) {
                Object v = e.getValue();
                if (v instanceof Integer || v instanceof Long) {
                    g.writeNumberField(e.getKey(), ((Number) v).longValue());
                } else if (v instanceof Number n) {
                    g.evidence(e.getKey(), n.doubleValue());
                } else if (v instanceof Boolean b) {
                    g.writeBooleanField(e.getKey(), b);
                } else if (v == null) {
                    g.writeNullField(e.getKey());
                } else {
                    g.writeStringField(e.getKey(), v.toString());
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void health(ReportNumbers g, ReportData r) throws IOException {
        if (!r.isComputed(ReportSection.HEALTH)) {
            g.writeNullField("health");
            return;
        }
        g.writeObjectFieldStart("health");
        g.score("score", r.healthScore);
        g.writeStringField("reason", r.healthReason);
        g.writeObjectFieldStart("components");
        g.score("spread", r.healthSpread);
        g.score("depth", r.healthDepth);
        g.score("balance", r.healthBalance);
        g.score("flow", r.healthFlow);
        g.score("anomalies", r.healthAnomalies);
        g.score("freshness", r.healthFreshness);
        g.writeEndObject();
        g.writeArrayFieldStart("lacking");
        for (int i = 0; i < r.healthLacking.size(); i++) {
            g.writeString(r.healthLacking.get(i));
        }
        g.writeEndArray();
        g.writeObjectFieldStart("weights");
        for (int i = 0; i < r.healthWeights.length; i++) {
            g.ratio(HealthScore.COMPONENTS.get(i), r.healthWeights[i]);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** {@code not_computed}: the sections whose step did not run for this report ({@link ReportSection}). */
    private static void notComputed(JsonGenerator g, ReportData r) throws IOException {
        g.writeArrayFieldStart("not_computed");
        for (ReportSection s : SECTIONS) {
            if (!r.isComputed(s)) {
                g.writeString(s.json());
            }
        }
        g.writeEndArray();
    }

    private static final ReportSection[] SECTIONS = ReportSection.values();

    /** {@code liquidity.profile_note} when the step measure-profile is not in the route. */
    public static final String PROFILE_NOT_COMPUTED = "not computed: the step measure-profile is not in the route";

    /** {@code source: {kind, speed, recording}}; speed and recording are null except for a replay. */
    private static void source(JsonGenerator g, io.context8.ingest.FeedSource s) throws IOException {
        g.writeObjectFieldStart("source");
        g.writeStringField("kind", s.kind());
        g.writeStringField("speed", s.speed());
        if (s.recording() == null) {
            g.writeNullField("recording");
        } else {
            g.writeArrayFieldStart("recording");
            for (int i = 0; i < s.recording().size(); i++) {
                g.writeString(s.recording().get(i));
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void ticker(ReportNumbers g, ReportData.Ticker t) throws IOException {
        if (t == null) {
            g.writeNullField("ticker_24h");
            return;
        }
        g.writeObjectFieldStart("ticker_24h");
        g.price("last_price", t.lastPrice());
        g.price("price_change", t.priceChange());
        g.ratio("price_change_pct", t.priceChangePct());
        g.derivedPrice("weighted_avg_price", t.weightedAvgPrice());
        g.price("open", t.open());
        g.price("high", t.high());
        g.price("low", t.low());
        g.qty("volume", t.volume());
        g.quote("quote_volume", t.quoteVolume());
        g.writeNumberField("trade_count", t.tradeCount());
        g.writeStringField("open_time", Instant.ofEpochMilli(t.openTimeMs()).toString());
        g.writeStringField("close_time", Instant.ofEpochMilli(t.closeTimeMs()).toString());
        g.writeEndObject();
    }

    private static void level(ReportNumbers g, String name, OptionalDouble price, OptionalDouble qty)
            throws IOException {
        if (price.isEmpty() || qty.isEmpty()) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.price("price", price.getAsDouble());
        g.qty("qty", qty.getAsDouble());
        g.writeEndObject();
    }

    private static void levels(ReportNumbers g, String name, double[] pq, int count) throws IOException {
        g.writeArrayFieldStart(name);
        for (int i = 0; i < count; i++) {
            g.writeStartArray();
            g.price(pq[2 * i]);
            g.qty(pq[2 * i + 1]);
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, OptionalDouble v) throws IOException {
        if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
            g.writeNumberField(name, v.getAsDouble());
        } else {
            g.writeNullField(name);
        }
    }

    private static void integer(JsonGenerator g, String name, OptionalLong v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(name, v.getAsLong());
        } else {
            g.writeNullField(name);
        }
    }

    private static void time(JsonGenerator g, String name, OptionalLong epochMs) throws IOException {
        if (epochMs.isPresent()) {
            g.writeStringField(name, Instant.ofEpochMilli(epochMs.getAsLong()).toString());
        } else {
            g.writeNullField(name);
        }
    }
}
