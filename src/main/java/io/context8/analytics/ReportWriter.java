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

import io.context8.metrics.Anomaly;
import io.context8.metrics.Vacuums;
import io.context8.metrics.VolumeProfile;
import io.context8.metrics.Walls;

/**
 * Writes a {@link ReportData} as the report JSON of {@code schemas/market-report.schema.json}. Streams with a
 * JsonGenerator (no tree). Timestamps are RFC 3339 UTC; an empty optional or a non-finite number is written as
 * null. Allocates the output string.
 */
public final class ReportWriter {

    public static final int SCHEMA_VERSION = 1;

    private final JsonFactory factory = new JsonFactory();

    public String write(ReportData r) {
        StringWriter out = new StringWriter(4096);
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            g.writeStringField("symbol", r.symbol);
            g.writeStringField("venue", r.venue);
            source(g, r.source);

            g.writeObjectFieldStart("timestamps");
            g.writeStringField("generated_at", Instant.ofEpochMilli(r.generatedAtMs).toString());
            time(g, "last_event", r.lastEventMs);
            time(g, "last_ingest", r.lastIngestMs);
            g.writeEndObject();

            number(g, "last_price", r.lastPrice);
            ticker(g, r.ticker);

            g.writeObjectFieldStart("book");
            g.writeStringField("state", r.bookState);
            g.writeBooleanField("in_sync", r.inSync);
            integer(g, "update_id", r.updateId);
            g.writeBooleanField("crossed", r.crossed);
            level(g, "best_bid", r.bestBidPrice, r.bestBidQty);
            level(g, "best_ask", r.bestAskPrice, r.bestAskQty);
            g.writeNumberField("bid_levels", r.bidLevels);
            g.writeNumberField("ask_levels", r.askLevels);
            g.writeEndObject();

            number(g, "spread_bps", r.spreadBps);
            number(g, "mid", r.mid);
            number(g, "micro_price", r.microPrice);
            number(g, "imbalance", r.imbalance);

            g.writeObjectFieldStart("depth");
            g.writeNumberField("levels", r.depthLevels);
            levels(g, "bids", r.depthBids, r.bidCount);
            levels(g, "asks", r.depthAsks, r.askCount);
            number(g, "bid_qty", r.bidQty);
            number(g, "ask_qty", r.askQty);
            number(g, "bid_notional", r.bidNotional);
            number(g, "ask_notional", r.askNotional);
            g.writeEndObject();

            g.writeObjectFieldStart("flow");
            number(g, "orders_per_sec", r.ordersPerSec);
            number(g, "trades_per_sec", r.tradesPerSec);
            number(g, "book_updates_per_sec", r.bookUpdatesPerSec);
            g.writeNumberField("orders_window_s", r.ordersWindowS);
            number(g, "net_flow", r.netFlow);
            g.writeNumberField("net_flow_window_s", r.netFlowWindowS);
            number(g, "ofi", r.ofi);
            g.writeNumberField("ofi_window_s", r.netFlowWindowS);
            g.writeNumberField("ofi_events", r.ofiEvents);
            g.writeEndObject();

            liquidity(g, r);
            anomalies(g, r);
            health(g, r);

            time(g, "market_time", r.lastEventMs);
            integer(g, "data_age_ms", r.dataAgeMs);
            g.writeBooleanField("fresh", r.fresh);

            g.writeObjectFieldStart("ingestion");
            g.writeStringField("status", r.ingestionStatus);
            g.writeStringField("reason", r.ingestionReason);
            g.writeStringField("websocket", r.websocket);
            g.writeEndObject();

            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void liquidity(JsonGenerator g, ReportData r) throws IOException {
        g.writeObjectFieldStart("liquidity");
        number(g, "level_qty_p95", r.levelQtyP95);
        number(g, "level_qty_p10", r.levelQtyP10);
        number(g, "wall_threshold_qty", r.wallThreshold);
        g.writeArrayFieldStart("walls");
        for (int i = 0; i < r.walls.size(); i++) {
            Walls.Wall w = r.walls.get(i);
            g.writeStartObject();
            g.writeStringField("side", w.bid() ? "bid" : "ask");
            g.writeNumberField("price", w.price());
            g.writeNumberField("qty", w.qty());
            g.writeNumberField("distance_bps", w.distanceBps());
            g.writeNumberField("threshold_ratio", w.ratio());
            g.writeStringField("severity", w.severity().json());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("vacuums");
        for (int i = 0; i < r.vacuums.size(); i++) {
            Vacuums.Vacuum v = r.vacuums.get(i);
            g.writeStartObject();
            g.writeStringField("side", v.bid() ? "bid" : "ask");
            g.writeNumberField("from", v.from());
            g.writeNumberField("to", v.to());
            g.writeNumberField("thin_levels", v.thinLevels());
            g.writeNumberField("width_bps", v.widthBps());
            g.writeNumberField("distance_bps", v.distanceBps());
            g.writeStringField("severity", v.severity().json());
            g.writeEndObject();
        }
        g.writeEndArray();
        VolumeProfile.Result p = r.profile;
        if (p.available) {
            g.writeObjectFieldStart("profile");
            g.writeNumberField("window_s", r.profileWindowS);
            g.writeNumberField("bin_size", p.binSize);
            g.writeNumberField("poc", p.poc);
            g.writeNumberField("vah", p.vah);
            g.writeNumberField("val", p.val);
            g.writeNumberField("volume", p.volume);
            g.writeNumberField("value_area_volume", p.valueAreaVolume);
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
                g.writeNumberField("bid_qty", r.bandBidQty[i]);
                g.writeNumberField("ask_qty", r.bandAskQty[i]);
                g.writeNumberField("bid_notional", r.bandBidNotional[i]);
                g.writeNumberField("ask_notional", r.bandAskNotional[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("slippage");
            for (int i = 0; i < r.slippageQuote.length; i++) {
                g.writeStartObject();
                g.writeNumberField("quote", r.slippageQuote[i]);
                finiteOrNull(g, "buy_bps", r.slippageBuyBps[i]);
                finiteOrNull(g, "sell_bps", r.slippageSellBps[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } else {
            g.writeNullField("bands");
        }
        g.writeEndObject();
    }

    private static void anomalies(JsonGenerator g, ReportData r) throws IOException {
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
                    finiteOrNull(g, e.getKey(), n.doubleValue());
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

    private static void health(JsonGenerator g, ReportData r) throws IOException {
        g.writeObjectFieldStart("health");
        if (Double.isFinite(r.healthScore)) {
            finiteOrNull(g, "score", Math.round(r.healthScore * 10) / 10.0);
        } else {
            g.writeNullField("score");
        }
        g.writeStringField("reason", r.healthReason);
        g.writeObjectFieldStart("components");
        finiteOrNull(g, "spread", r.healthSpread);
        finiteOrNull(g, "depth", r.healthDepth);
        finiteOrNull(g, "balance", r.healthBalance);
        finiteOrNull(g, "flow", r.healthFlow);
        finiteOrNull(g, "anomalies", r.healthAnomalies);
        finiteOrNull(g, "freshness", r.healthFreshness);
        g.writeEndObject();
        g.writeEndObject();
    }

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

    private static void finiteOrNull(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }

    private static void ticker(JsonGenerator g, ReportData.Ticker t) throws IOException {
        if (t == null) {
            g.writeNullField("ticker_24h");
            return;
        }
        g.writeObjectFieldStart("ticker_24h");
        finite(g, "last_price", t.lastPrice());
        finite(g, "price_change", t.priceChange());
        finite(g, "price_change_pct", t.priceChangePct());
        finite(g, "weighted_avg_price", t.weightedAvgPrice());
        finite(g, "open", t.open());
        finite(g, "high", t.high());
        finite(g, "low", t.low());
        finite(g, "volume", t.volume());
        finite(g, "quote_volume", t.quoteVolume());
        g.writeNumberField("trade_count", t.tradeCount());
        g.writeStringField("open_time", Instant.ofEpochMilli(t.openTimeMs()).toString());
        g.writeStringField("close_time", Instant.ofEpochMilli(t.closeTimeMs()).toString());
        g.writeEndObject();
    }

    /** Ticker values are parsed from schema-checked decimal text (at most 20 integer digits): always finite. */
    private static void finite(JsonGenerator g, String name, double v) throws IOException {
        g.writeNumberField(name, v);
    }

    private static void level(JsonGenerator g, String name, OptionalDouble price, OptionalDouble qty)
            throws IOException {
        if (price.isEmpty() || qty.isEmpty()) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeNumberField("price", price.getAsDouble());
        g.writeNumberField("qty", qty.getAsDouble());
        g.writeEndObject();
    }

    private static void levels(JsonGenerator g, String name, double[] pq, int count) throws IOException {
        g.writeArrayFieldStart(name);
        for (int i = 0; i < count; i++) {
            g.writeStartArray();
            g.writeNumber(pq[2 * i]);
            g.writeNumber(pq[2 * i + 1]);
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
