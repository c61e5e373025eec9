package io.context8.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.context8.analytics.steps.ReportChain;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.NormalizedFrame;
import io.context8.redis.DeadLetter;
import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.TestSettings;

/**
 * The event clock: only exchange times (trade {@code T}, diff and ticker {@code E}) move it. A generated Binance
 * feed that opens with bookTickers (no exchange time: stamped by ingest) is normalized and analysed at two
 * pacings with a controlled local clock: all at once with the local clock a day ahead (a max-speed replay of old
 * data), and spread over time at 1x with the local clock 1.27 s ahead or behind Binance's (as in the recordings);
 * the market fields of the final reports are identical. An absurd exchange time is rejected (counted,
 * dead-lettered) instead of freezing the windows.
 */
class EventClockTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** 2024-08-08T23:54:13Z, the start of the 2024 recordings. */
    private static final long E0 = 1_723_161_253_000L;
    private static final long DAY = 86_400_000L;

    /** One generated frame: its text, whether it is the REST snapshot, and the exchange time it carries (-1: none). */
    record Frame(String text, boolean snapshot, long exchangeMs) {
    }

    /**
     * A BTCUSDT feed on Binance's wire format: 5 bookTickers first, then diffs every 100 ms (U = previous u + 1)
     * changing a few of the 10 best levels, the REST snapshot after the second diff, trades at the best bid or
     * ask, and a bookTicker after each diff. Deterministic for a seed.
     */
    static List<Frame> feed(long seed, long seconds) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Frame> out = new ArrayList<>();
        double[] bidQ = new double[20];
        double[] askQ = new double[20];
        for (int i = 0; i < 20; i++) {
            bidQ[i] = 0.5 + rnd.nextDouble();
            askQ[i] = 0.5 + rnd.nextDouble();
        }
        long u = 5000;
        for (int i = 0; i < 5; i++) {
            out.add(new Frame(bookTicker(u, bidQ[0], askQ[0]), false, -1));
        }
        long tradeId = 1;
        long snapshotAt = -1;
        for (long t = E0; t < E0 + seconds * 1000; t += 100) {
            StringBuilder b = new StringBuilder("[");
            StringBuilder a = new StringBuilder("[");
            for (int k = 0, n = 1 + rnd.nextInt(3); k < n; k++) {
                int lvl = rnd.nextInt(10);
                bidQ[lvl] = 0.5 + rnd.nextDouble();
                askQ[lvl] = 0.5 + rnd.nextDouble();
                b.append(k == 0 ? "" : ",").append(level(100.00 - lvl * 0.01, bidQ[lvl]));
                a.append(k == 0 ? "" : ",").append(level(100.01 + lvl * 0.01, askQ[lvl]));
            }
            long first = u + 1;
            u += 1 + rnd.nextInt(3);
            out.add(new Frame("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + t
                    + ",\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + u + ",\"b\":" + b + "],\"a\":" + a + "]}}",
                    false, t));
            if (snapshotAt < 0 && t >= E0 + 100) {
                snapshotAt = u - 1; // inside this diff: the Binance procedure applies it over the snapshot
                StringBuilder sb = new StringBuilder("{\"lastUpdateId\":" + snapshotAt + ",\"bids\":[");
                StringBuilder sa = new StringBuilder("],\"asks\":[");
                for (int i = 0; i < 20; i++) {
                    sb.append(i == 0 ? "" : ",").append(level(100.00 - i * 0.01, bidQ[i]));
                    sa.append(i == 0 ? "" : ",").append(level(100.01 + i * 0.01, askQ[i]));
                }
                out.add(new Frame(sb.append(sa).append("]}").toString(), true, -1));
            }
            for (int k = 0, n = rnd.nextInt(3); k < n; k++) {
                boolean sell = rnd.nextBoolean();
                long tt = t + 10 + 30L * k;
                out.add(new Frame("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":" + (tt + 1)
                        + ",\"s\":\"BTCUSDT\",\"t\":" + tradeId++ + ",\"p\":\"" + (sell ? "100.00" : "100.01")
                        + "\",\"q\":\"" + String.format(Locale.ROOT, "%.5f", 0.01 + rnd.nextDouble() * 0.2)
                        + "\",\"T\":" + tt + ",\"m\":" + sell + ",\"M\":true}}", false, tt));
            }
            out.add(new Frame(bookTicker(u, bidQ[0], askQ[0]), false, -1));
        }
        return out;
    }

    private static String level(double price, double qty) {
        return String.format(Locale.ROOT, "[\"%.2f\",\"%.5f\"]", price, qty);
    }

    private static String bookTicker(long u, double bidQty, double askQty) {
        return String.format(Locale.ROOT, "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":%d,\"s\":\"BTCUSDT\","
                + "\"b\":\"100.00\",\"B\":\"%.5f\",\"a\":\"100.01\",\"A\":\"%.5f\"}}", u, bidQty, askQty);
    }

    /**
     * Normalizes and analyses the feed. {@code maxSpeed}: every frame ingested at {@code localStart} + 1 ms per 1000
     * frames, in batches of 500 (as fast as it goes); else each frame at its exchange time (a frame without one: the
     * newest exchange time before it) + {@code skewMs}, a batch per 100 ms of local time. Returns the final report
     * (assembled 50 ms of local time after the last frame), with the local fields removed.
     */
    static ObjectNode run(List<Frame> feed, boolean maxSpeed, long localStart, long skewMs) throws IOException {
        AtomicLong local = new AtomicLong(maxSpeed ? localStart : E0 + skewMs);
        AnalyticsEngine engine = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, local::get);
        engine.onIngestStatus("{\"websocket\":\"receiving\"}");
        BinanceNormalizer normalizer = new BinanceNormalizer(MAPPER, "binance");
        List<StreamEntry> batch = new ArrayList<>();
        long exchange = E0;
        long nextBatch = local.get() + 100;
        long seq = 0;
        long lastIngest = -1;
        for (int i = 0; i < feed.size(); i++) {
            Frame f = feed.get(i);
            exchange = Math.max(exchange, f.exchangeMs());
            long ingest = maxSpeed ? localStart + i / 1000 : exchange + skewMs;
            if (!maxSpeed && ingest >= nextBatch) {
                local.set(ingest);
                ReportChain.reports(engine.onBatch(batch));
                batch.clear();
                nextBatch = ingest + 100;
            }
            lastIngest = ingest;
            NormalizedFrame n = f.snapshot() ? normalizer.snapshot(f.text(), "BTCUSDT", ingest)
                    : normalizer.normalize(f.text(), ingest);
            batch.add(new StreamEntry(++seq + "-0",
                    Map.of(RedisStreamConstants.FIELD_EVENT, ((NormalizedFrame.Event) n).json())));
            if (maxSpeed && batch.size() == 500) {
                local.set(ingest);
                ReportChain.reports(engine.onBatch(batch));
                batch.clear();
            }
        }
        local.set(lastIngest + 50);
        ReportChain.reports(engine.onBatch(batch));
        local.set(lastIngest + 50 + TestSettings.analytics().heartbeatMs());
        List<DueReport> last = ReportChain.reports(engine.onBatch(List.of()));
        assertThat(last).hasSize(1);
        ObjectNode r = (ObjectNode) MAPPER.readTree(last.get(0).json());
        assertThat(r.get("data_age_ms").asLong()).isEqualTo(50 + TestSettings.analytics().heartbeatMs());
        ((ObjectNode) r.get("timestamps")).remove(List.of("generated_at", "last_ingest"));
        r.remove(List.of("data_age_ms", "fresh", "ingestion"));
        ((ObjectNode) r.get("health")).remove(List.of("score", "reason"));
        ((ObjectNode) r.at("/health/components")).remove("freshness");
        return r;
    }

    @ParameterizedTest(name = "seed {0}: max speed a day ahead, 1x 1.27 s ahead, 1x 1.27 s behind: same report")
    @ValueSource(longs = {1, 42})
    void pacingAndLocalClockDoNotChangeTheReport(long seed) throws IOException {
        List<Frame> feed = feed(seed, 90);
        long lastExchange = feed.stream().mapToLong(Frame::exchangeMs).max().orElseThrow();
        ObjectNode maxSpeed = run(feed, true, E0 + DAY, 0);
        ObjectNode ahead = run(feed, false, 0, 1_270);
        ObjectNode behind = run(feed, false, 0, -1_270);
        System.out.printf("seed %d: market_time=%s ofi_events=%s orders/trades/book per s=%s/%s/%s%n", seed,
                maxSpeed.get("market_time").asText(), maxSpeed.at("/flow/ofi_events"),
                maxSpeed.at("/flow/orders_per_sec"), maxSpeed.at("/flow/trades_per_sec"),
                maxSpeed.at("/flow/book_updates_per_sec"));
        assertThat(maxSpeed.get("market_time").asText()).as("the exchange time of the newest trade or diff")
                .isEqualTo(Instant.ofEpochMilli(lastExchange).toString());
        assertThat(maxSpeed.at("/timestamps/last_event").asText()).isEqualTo(maxSpeed.get("market_time").asText());
        assertThat(maxSpeed.at("/book/state").asText()).isEqualTo("synced");
        assertThat(maxSpeed.at("/flow/ofi_events").asInt()).as("top-of-book changes in 30 s of 100 ms diffs")
                .isBetween(1, 300);
        assertThat(ahead).as("1x, local clock 1.27 s ahead").isEqualTo(maxSpeed);
        assertThat(behind).as("1x, local clock 1.27 s behind").isEqualTo(maxSpeed);
        // within the first 1.27 s the opening bookTickers' local stamps lie ahead of every exchange time
        List<Frame> firstSecond = feed(seed, 1);
        ObjectNode early = run(firstSecond, false, 0, 1_270);
        assertThat(early.get("market_time").asText()).as("1x, local clock 1.27 s ahead, first second")
                .isEqualTo(Instant.ofEpochMilli(firstSecond.stream().mapToLong(Frame::exchangeMs).max().orElseThrow())
                        .toString());
        assertThat(early).isEqualTo(run(firstSecond, true, E0 + DAY, 0));
    }

    @Test
    @DisplayName("bookTickers before any exchange time leave market_time null")
    void bookTickersAloneDoNotSetTheMarketTime() throws IOException {
        AtomicLong local = new AtomicLong(E0 + DAY);
        AnalyticsEngine engine = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, local::get);
        BinanceNormalizer normalizer = new BinanceNormalizer(MAPPER, "binance");
        List<StreamEntry> batch = new ArrayList<>();
        for (Frame f : feed(3, 1).subList(0, 5)) {
            NormalizedFrame.Event e = (NormalizedFrame.Event) normalizer.normalize(f.text(), local.get());
            assertThat(e.envelope().get(BinanceNormalizer.TS_EVENT_ESTIMATED).asBoolean()).isTrue();
            batch.add(new StreamEntry("1-0", Map.of(RedisStreamConstants.FIELD_EVENT, e.json())));
        }
        JsonNode r = MAPPER.readTree(ReportChain.reports(engine.onBatch(batch)).get(0).json());
        assertThat(r.get("market_time").isNull()).isTrue();
        assertThat(r.at("/timestamps/last_event").isNull()).isTrue();
        assertThat(r.at("/timestamps/last_ingest").asText()).isEqualTo(Instant.ofEpochMilli(E0 + DAY).toString());
    }

    /** A calm generated market with one trade whose time is {@code offsetMs} off, 30 s in; the final report. */
    private static String absurdTrade(long offsetMs, AnalyticsEngine engine, AtomicLong now) {
        SyntheticMarket m = new SyntheticMarket("BTCUSDT", 5, E0).snapshot(40).calm(30_000);
        // the exchange time is off, the local receive time is not
        String json = Envelopes.trade("BTCUSDT", m.tradeId++, SyntheticMarket.px(m.mid + 0.005), "0.70000", "buy",
                m.time + offsetMs).field(RedisStreamConstants.FIELD_EVENT)
                .replace("\"ts_ingest\":" + (m.time + offsetMs), "\"ts_ingest\":" + m.time);
        m.out.add(Envelopes.entry(json));
        m.calm(40_000);
        String last = null;
        for (int i = 0; i < m.out.size(); i += 50) {
            now.addAndGet(100);
            for (DueReport r : ReportChain.reports(engine.onBatch(m.out.subList(i, Math.min(m.out.size(), i + 50))))) {
                last = r.json();
            }
        }
        now.addAndGet(1_000);
        for (DueReport r : ReportChain.reports(engine.onBatch(List.of()))) {
            last = r.json();
        }
        return last;
    }

    @Test
    @DisplayName("a trade 10 days ahead is rejected, counted and dead-lettered; the windows go on as if it were on time")
    void anAbsurdTimeDoesNotFreezeTheWindows() throws IOException {
        AtomicLong now = new AtomicLong(E0);
        AnalyticsEngine absurd = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, now::get);
        String withAbsurd = absurdTrade(10 * DAY, absurd, now);
        List<DeadLetter> dead = absurd.drainRejected();
        now.set(E0);
        AnalyticsEngine onTime = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, now::get);
        String reference = absurdTrade(0, onTime, now);

        assertThat(absurd.timeRejected()).isEqualTo(1);
        assertThat(onTime.timeRejected()).isZero();
        assertThat(dead).extracting(DeadLetter::kind).containsExactly("event_time_out_of_range");
        assertThat(absurd.invalid()).as("the trade itself was applied").isZero();
        JsonNode r = MAPPER.readTree(withAbsurd);
        assertThat(Instant.parse(r.get("market_time").asText())).isBefore(Instant.ofEpochMilli(E0 + DAY));
        assertThat(r.at("/flow/trades_per_sec").asDouble()).as("the windows still slide").isPositive();
        assertThat(withAbsurd).isEqualTo(reference);
    }

    @Test
    @DisplayName("EventClock: median bound, rejected times applied at the clock, a lasting jump followed")
    void clockRules() {
        EventClock c = new EventClock(3_600_000);
        assertThat(c.nowMs()).isEqualTo(-1);
        for (int i = 0; i < 20; i++) {
            assertThat(c.offer(E0 + i * 100)).isEqualTo(E0 + i * 100);
        }
        assertThat(c.offer(E0 + 10 * DAY)).as("rejected: applied at the clock").isEqualTo(E0 + 1_900);
        assertThat(c.offer(E0 - 10 * DAY)).isEqualTo(E0 + 1_900);
        assertThat(c.offer(E0 + 2_000)).isEqualTo(E0 + 2_000);
        assertThat(c.rejected()).isEqualTo(2);
        assertThat(c.nowMs()).isEqualTo(E0 + 2_000);
        long later = E0 + 365 * DAY; // a later recording replayed after this one
        int taken = -1;
        for (int i = 0; i < EventClock.SAMPLES && taken < 0; i++) {
            if (c.offer(later + i) == later + i) {
                taken = i;
            }
        }
        System.out.printf("a lasting jump was followed at its event #%d%n", taken + 1);
        assertThat(taken).as("followed once it is the median").isBetween(0, EventClock.SAMPLES / 2 + 1);
        assertThat(c.nowMs()).isGreaterThanOrEqualTo(later);
        EventClock unbounded = new EventClock(0);
        unbounded.offer(E0);
        assertThat(unbounded.offer(E0 + 10 * DAY)).isEqualTo(E0 + 10 * DAY);
    }
}
