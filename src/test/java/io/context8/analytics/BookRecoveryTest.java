package io.context8.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.context8.analytics.steps.ReportChain;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.book.Decimals;
import io.context8.book.OrderBook;
import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.NormalizedFrame;
import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.BinanceFeed;
import io.context8.testsupport.TestSettings;

/**
 * Corrupted variants of a generated feed (a crossed level, a diff with {@code u = 2^63-1}, a diff whose levels
 * were lost with its ids intact, a diff lost altogether) through the analytics engine: the book is discarded
 * (never reported as synced or ok over a known-wrong book), one resync request goes out, and the fresh snapshot
 * that ingest would fetch in answer brings back a book equal to the exchange's that verifies again against the
 * bookTicker. Ingest is played by the test: it answers each request with the feed's REST body in the next batch.
 */
class BookRecoveryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SYMBOL = "GENUSDT";
    private static final long T0 = 1_723_161_255_000L;

    /** The engine, fed batch by batch on the feed's clock, with ingest answering resync requests. */
    private static final class Harness {
        final BinanceFeed feed;
        final AtomicLong clock = new AtomicLong(T0);
        final AnalyticsEngine engine = new AnalyticsEngine(List.of(SYMBOL), "binance", TestSettings.analytics(),
                BookCheckSettings.defaults(), MAPPER, clock::get, AnalyticsObserver.NONE);
        final BinanceNormalizer normalizer = new BinanceNormalizer(MAPPER, "binance");
        final List<JsonNode> reports = new ArrayList<>();
        final List<ResyncRequest> requests = new ArrayList<>();
        boolean snapshotWanted = true;
        boolean tickers = true;
        long seq;

        Harness(long seed) {
            feed = new BinanceFeed(SYMBOL, seed, T0);
            engine.onIngestStatus("{\"websocket\":\"receiving\"}");
        }

        /** One batch: the snapshot ingest fetched (if one was asked for), then the frames. */
        void play(List<String> frames) {
            List<StreamEntry> batch = new ArrayList<>();
            long ms = feed.timeMs();
            if (snapshotWanted) {
                snapshotWanted = false;
                add(batch, normalizer.snapshot(feed.snapshotBody(), SYMBOL, ms));
            }
            for (String f : frames) {
                if (tickers || !f.contains("@bookTicker")) {
                    add(batch, normalizer.normalize(f, ms));
                }
            }
            clock.set(ms);
            for (DueReport r : ReportChain.reports(engine.onBatch(batch))) {
                try {
                    reports.add(MAPPER.readTree(r.json()));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            for (ResyncRequest q : engine.drainResyncRequests()) {
                requests.add(q);
                snapshotWanted = true;
            }
        }

        void steps(int n) {
            for (int i = 0; i < n; i++) {
                play(feed.step());
            }
        }

        private void add(List<StreamEntry> batch, NormalizedFrame n) {
            assertThat(n).isInstanceOf(NormalizedFrame.Event.class);
            batch.add(new StreamEntry(++seq + "-0",
                    Map.of(RedisStreamConstants.FIELD_EVENT, ((NormalizedFrame.Event) n).json())));
        }

        SymbolAnalytics symbol() {
            return engine.symbol(SYMBOL);
        }

        JsonNode lastReport() {
            return reports.get(reports.size() - 1);
        }
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("crossed level", (Function<BinanceFeed, List<String>>) BinanceFeed::crossedDiff,
                        "crossed_book", 0),
                Arguments.of("frozen id u = 2^63-1", (Function<BinanceFeed, List<String>>) BinanceFeed::frozenDiff,
                        "frozen_book", 0),
                Arguments.of("diff lost with its ids intact",
                        (Function<BinanceFeed, List<String>>) BinanceFeed::silentlyDroppedDiff, "book_ticker_mismatch", 1),
                Arguments.of("diff lost altogether (ingest saw no gap)",
                        (Function<BinanceFeed, List<String>>) BinanceFeed::droppedDiff, "gap", 0));
    }

    @ParameterizedTest(name = "{0}: discarded, one resync request ({2}), recovered to a verified book")
    @MethodSource("corruptions")
    void recoversToAVerifiedBook(String name, Function<BinanceFeed, List<String>> corruption, String reason,
            int mismatches) {
        Harness h = new Harness(7);
        h.steps(100);
        long matchedBefore = h.symbol().verifier().matched();
        assertThat(h.lastReport().at("/book/state").asText()).isEqualTo("synced");
        assertThat(h.lastReport().at("/ingestion/status").asText()).isEqualTo("ok");
        assertThat(matchedBefore).as("a clean feed verifies").isGreaterThan(20);
        int reportsBefore = h.reports.size();

        h.play(corruption.apply(h.feed));
        h.steps(200);

        assertThat(h.requests).as("resync requests").hasSize(1);
        assertThat(h.requests.get(0).reason()).isEqualTo(reason);
        List<JsonNode> after = h.reports.subList(reportsBefore, h.reports.size());
        // a discarded book shows in the very next report; a lost diff only once the next diff shows the gap
        int firstOut = "gap".equals(reason) ? 1 : 0;
        for (int i = 0; i < firstOut; i++) {
            assertThat(after.get(i).at("/book/in_sync").asBoolean()).isTrue();
        }
        int recovered = -1;
        for (int i = firstOut; i < after.size(); i++) {
            if (after.get(i).at("/book/in_sync").asBoolean()) {
                recovered = i;
                break;
            }
            assertThat(after.get(i).at("/ingestion/status").asText()).as("report over a discarded book")
                    .isEqualTo("degraded");
        }
        assertThat(recovered).as("reports until the book was back: %s", after.size()).isGreaterThan(firstOut);
        System.out.printf("BookRecoveryTest %s: %d reports out of sync, request %s, matched %d -> %d, mismatched %d%n",
                name, recovered - firstOut, h.requests.get(0).json(), matchedBefore, h.symbol().verifier().matched(),
                h.symbol().verifier().mismatched());
        JsonNode last = h.lastReport();
        assertThat(last.at("/book/state").asText()).isEqualTo("synced");
        assertThat(last.at("/ingestion/status").asText()).isEqualTo("ok");
        assertThat(last.at("/book/update_id").asLong()).isEqualTo(h.feed.updateId());
        assertThat(last.at("/book/verification/mismatched").asInt()).isEqualTo(mismatches);
        assertThat(last.at("/book/verification/suspicions").asInt()).isEqualTo("gap".equals(reason) ? 0 : 1);
        assertThat(last.at("/book/verification/suspect_reason").isNull()).isTrue();
        assertThat(h.symbol().verifier().matched()).as("verifies again after the resync").isGreaterThan(matchedBefore + 20);
        assertEqualsExchange(h.symbol().book(), h.feed.snapshotBody());
    }

    @Test
    @DisplayName("a clean feed: every comparison matches, no suspicion, no resync request")
    void cleanFeed() {
        Harness h = new Harness(11);
        h.steps(300);
        assertThat(h.symbol().verifier().mismatched()).isZero();
        assertThat(h.symbol().verifier().matched()).isGreaterThan(50);
        assertThat(h.requests).isEmpty();
        assertThat(h.lastReport().at("/book/verification/matched").asLong()).isEqualTo(h.symbol().verifier().matched());
        assertThat(h.lastReport().at("/book/verification/last_mismatch_at").isNull()).isTrue();
    }

    @Test
    @DisplayName("no bookTicker stream: no comparison, no false suspicion, yet a u = 2^63-1 diff is still caught")
    void noTickerStream() {
        Harness h = new Harness(13);
        h.tickers = false;
        h.steps(300);
        assertThat(h.symbol().verifier().matched() + h.symbol().verifier().mismatched()).isZero();
        assertThat(h.requests).isEmpty();
        assertThat(h.lastReport().at("/book/state").asText()).isEqualTo("synced");
        h.play(h.feed.frozenDiff());
        h.steps(20);
        assertThat(h.requests).hasSize(1);
        assertThat(h.lastReport().at("/book/state").asText()).isEqualTo("synced");
        assertEqualsExchange(h.symbol().book(), h.feed.snapshotBody());
    }

    @Test
    @DisplayName("requests are rate-limited: a book that stays suspect asks once per resync interval")
    void rateLimited() {
        Harness h = new Harness(17);
        h.steps(50);
        h.play(h.feed.crossedDiff());
        h.snapshotWanted = false; // ingest does not answer: the book stays suspect
        for (int i = 0; i < 120; i++) { // 12 s
            h.play(h.feed.step());
            h.snapshotWanted = false;
        }
        assertThat(h.requests).as("at 0, 5 and 10 s").hasSize(3);
        assertThat(h.lastReport().at("/book/state").asText()).isEqualTo("suspect");
        assertThat(h.lastReport().at("/book/verification/suspect_reason").asText()).isEqualTo("crossed_book");
    }

    @Test
    @DisplayName("snapshots fetched far ahead of a backlog (ingest lagging, local clock ahead of event time): no false suspicion")
    void snapshotsAheadOfABacklogAreNotFrozen() {
        BinanceFeed feed = new BinanceFeed(SYMBOL, 23, T0);
        List<List<String>> steps = new ArrayList<>();
        String[] snapshots = new String[400];
        for (int i = 0; i < 400; i++) {
            snapshots[i] = feed.snapshotBody();
            steps.add(feed.step());
        }
        long local0 = T0 + 3 * 365 * 86_400_000L; // ingest's clock runs years ahead of the exchange's
        AtomicLong clock = new AtomicLong(local0);
        AnalyticsEngine engine = new AnalyticsEngine(List.of(SYMBOL), "binance", TestSettings.analytics(),
                BookCheckSettings.defaults(), MAPPER, clock::get, AnalyticsObserver.NONE);
        BinanceNormalizer normalizer = new BinanceNormalizer(MAPPER, "binance");
        List<ResyncRequest> requests = new ArrayList<>();
        long seq = 0;
        for (int i = 0; i < 400; i++) { // 20 ms of local time per 100 ms step: a backlog being worked off
            long ms = local0 + i * 20L;
            List<NormalizedFrame> in = new ArrayList<>();
            if (i == 5) {
                in.add(normalizer.snapshot(snapshots[100], SYMBOL, ms)); // 95 steps ahead of the frames
            } else if (i == 150) {
                in.add(normalizer.snapshot(snapshots[300], SYMBOL, ms)); // a reload while synced, 150 steps ahead
            }
            steps.get(i).forEach(f -> in.add(normalizer.normalize(f, ms)));
            List<StreamEntry> batch = new ArrayList<>();
            for (NormalizedFrame n : in) {
                batch.add(new StreamEntry(++seq + "-0",
                        Map.of(RedisStreamConstants.FIELD_EVENT, ((NormalizedFrame.Event) n).json())));
            }
            clock.set(ms);
            ReportChain.reports(engine.onBatch(batch));
            requests.addAll(engine.drainResyncRequests());
        }
        SymbolAnalytics s = engine.symbol(SYMBOL);
        System.out.printf("BookRecoveryTest backlog: matched %d, mismatched %d, suspicions %d, requests %s%n",
                s.verifier().matched(), s.verifier().mismatched(), s.verifier().suspicions(), requests);
        assertThat(requests).isEmpty();
        assertThat(s.verifier().suspicions()).isZero();
        assertThat(s.verifier().matched()).isGreaterThan(20);
        assertThat(s.sync().inSync()).isTrue();
    }

    /** The local book holds exactly the exchange's levels. */
    private static void assertEqualsExchange(OrderBook book, String restBody) {
        JsonNode n;
        try {
            n = MAPPER.readTree(restBody);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        for (int side = 0; side < 2; side++) {
            boolean bid = side == 0;
            JsonNode levels = n.get(bid ? "bids" : "asks");
            assertThat(book.levels(bid)).isEqualTo(levels.size());
            for (int i = 0; i < levels.size(); i++) {
                assertThat(book.priceAt(bid, i)).isEqualTo(Decimals.parse(levels.get(i).get(0).asText()));
                assertThat(book.qtyAt(bid, i)).isEqualTo(Decimals.parse(levels.get(i).get(1).asText()));
            }
        }
    }
}
