package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.ingest.DepthSequenceTracker;
import io.context8.testsupport.SharedData;
import io.vertx.core.Vertx;

/**
 * The loop option: each pass is new market data continuing the previous one. A client that follows Binance's
 * local-book procedure once (one REST snapshot before the first diff) stays in sync through every seam: the diff
 * chain never breaks (ingest's {@link DepthSequenceTracker} sees no gap and asks for no second snapshot), the
 * rebuilt book equals the bookTicker at every matching update id in every pass, trade ids strictly increase, and
 * the REST book at the end equals the rebuilt one.
 */
class ReplayLoopTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Vertx vertx;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A client-side book of one symbol, rebuilt by Binance's procedure from one snapshot. */
    static final class ClientBook {
        final TreeMap<BigDecimal, String> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, String> asks = new TreeMap<>();
        long id;
        boolean synced;
        long gaps;
        final Map<Integer, Integer> matchesByPass = new HashMap<>();
        long mismatches;

        ClientBook(JsonNode snapshot) {
            id = snapshot.path("lastUpdateId").asLong();
            put(bids, snapshot.path("bids"));
            put(asks, snapshot.path("asks"));
        }

        static void put(TreeMap<BigDecimal, String> side, JsonNode levels) {
            for (JsonNode l : levels) {
                BigDecimal p = new BigDecimal(l.path(0).asText());
                if (new BigDecimal(l.path(1).asText()).signum() == 0) {
                    side.remove(p);
                } else {
                    side.put(p, l.path(0).asText() + "/" + l.path(1).asText());
                }
            }
        }

        void diff(JsonNode d) {
            long first = d.path("U").asLong();
            long last = d.path("u").asLong();
            if (last <= id) {
                return;
            }
            if (synced ? first != id + 1 : first > id + 1) {
                gaps++;
            }
            synced = true;
            put(bids, d.path("b"));
            put(asks, d.path("a"));
            id = last;
            Object[] t = pending.remove(id);
            if (t != null) {
                compare((JsonNode) t[0], (Integer) t[1], (Boolean) t[2]);
            }
            pending.headMap(id).clear();
        }

        /** bookTicker is real time: the ticker of an id usually arrives before the 100 ms diff that ends at it. */
        final TreeMap<Long, Object[]> pending = new TreeMap<>();

        void ticker(JsonNode t, int pass, boolean withQty) {
            long u = t.path("u").asLong();
            if (synced && u == id) {
                compare(t, pass, withQty);
            } else if (u > id) {
                pending.put(u, new Object[] {t, pass, withQty});
            }
        }

        void compare(JsonNode t, int pass, boolean withQty) {
            String[] bid = bids.firstEntry().getValue().split("/");
            String[] ask = asks.firstEntry().getValue().split("/");
            boolean same = bid[0].equals(t.path("b").asText()) && ask[0].equals(t.path("a").asText())
                    && (!withQty || bid[1].equals(t.path("B").asText()) && ask[1].equals(t.path("A").asText()));
            if (same) {
                matchesByPass.merge(pass, 1, Integer::sum);
            } else {
                mismatches++;
            }
        }
    }

    /** What the client saw, per symbol. */
    static final class Outcome {
        final Map<String, ClientBook> books = new HashMap<>();
        final DepthSequenceTracker tracker = new DepthSequenceTracker();
        int snapshotRequests;
        final Map<String, List<Long>> tradeIds = new HashMap<>();
        final Map<String, List<Long>> tradeTimes = new HashMap<>();
    }

    private static JsonNode depth(ReplayServer server, String symbol) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/api/v3/depth?symbol=" + symbol + "&limit=5000")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return MAPPER.readTree(r.body());
    }

    /**
     * Plays the server to its end through a websocket client, then follows the messages as a client would. The
     * pass of a message is told by its trade ids: a symbol's pass increases when its trade id passes the first
     * trade id of the recording + k x the trade id span.
     */
    private static Outcome play(ReplayServer server, List<String> symbols, String streams, boolean withQty,
            Map<String, long[]> tradeSpan) throws Exception {
        Outcome o = new Outcome();
        for (String s : symbols) {
            o.books.put(s, new ClientBook(depth(server, s))); // before playback: the first recorded snapshot
        }
        List<String> messages;
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), "/stream?streams=" + streams)) {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.finished() && c.messages.size() == server.framesSent());
            messages = new ArrayList<>(c.messages);
        }
        Map<String, Integer> pass = new HashMap<>();
        for (String m : messages) {
            JsonNode root = MAPPER.readTree(m);
            String stream = root.path("stream").asText();
            JsonNode d = root.path("data");
            String symbol = stream.substring(0, stream.indexOf('@')).toUpperCase();
            ClientBook book = o.books.get(symbol);
            if (stream.endsWith("@trade")) {
                long t = d.path("t").asLong();
                o.tradeIds.computeIfAbsent(symbol, k -> new ArrayList<>()).add(t);
                o.tradeTimes.computeIfAbsent(symbol, k -> new ArrayList<>()).add(d.path("T").asLong());
                long[] span = tradeSpan.get(symbol);
                pass.put(symbol, (int) ((t - span[0]) / span[1]));
            } else if (stream.endsWith("@depth@100ms")) {
                if (o.tracker.onDiff(symbol, d.path("U").asLong(), d.path("u").asLong())) {
                    o.snapshotRequests++;
                }
                book.diff(d);
            } else if (stream.endsWith("@bookTicker")) {
                book.ticker(d, pass.getOrDefault(symbol, 0), withQty);
            }
        }
        return o;
    }

    @Test
    void threePassesOfASmallRecordingStayInSyncThroughEverySeam(@TempDir Path dir) throws Exception {
        Path a = ReplayFixtures.write(dir.resolve("a.gz"), ReplayFixtures.fileA());
        Path b = ReplayFixtures.write(dir.resolve("b.gz"), ReplayFixtures.fileB());
        try (ReplayServer server = ReplayServer.builder().files(a, b).speed(ReplaySpeed.MAX).loop(true).passes(3)
                .port(0).build().start()) {
            assertThat(server.state()).isEqualTo("waiting");
            Outcome o = play(server, List.of("BTCUSDT", "ETHUSDT"),
                    "btcusdt@trade/btcusdt@depth@100ms/btcusdt@bookTicker/ethusdt@trade/ethusdt@depth@100ms"
                            + "/ethusdt@bookTicker",
                    false, Map.of("BTCUSDT", new long[] {1, 3}, "ETHUSDT", new long[] {9, 1}));
            System.out.printf("ReplayLoopTest: %d frames sent in %d passes; BTCUSDT matches by pass %s, ETHUSDT %s%n",
                    server.framesSent(), server.pass(), o.books.get("BTCUSDT").matchesByPass,
                    o.books.get("ETHUSDT").matchesByPass);

            assertThat(server.state()).isEqualTo("ended");
            assertThat(server.pass()).isEqualTo(3);
            assertThat(o.tracker.gaps()).as("gaps ingest would see").isZero();
            assertThat(o.snapshotRequests).as("one snapshot per symbol, at the start only").isEqualTo(2);
            for (String s : List.of("BTCUSDT", "ETHUSDT")) {
                ClientBook book = o.books.get(s);
                assertThat(book.gaps).isZero();
                assertThat(book.mismatches).isZero();
                assertThat(book.matchesByPass).as(s + " bookTicker matches in every pass").containsOnlyKeys(0, 1, 2);
            }
            assertThat(o.tradeIds.get("BTCUSDT")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(o.tradeIds.get("ETHUSDT")).containsExactly(9L, 10L, 11L);
            // exchange times: span of the recording's E/T (1700000000100..300) + 100 ms per pass
            assertThat(o.tradeTimes.get("BTCUSDT")).isSorted().endsWith(1_700_000_000_199L + 2 * 300);
            assertThat(o.books.get("BTCUSDT").id).isEqualTo(120 + 2 * 20);
            // the REST book follows the bridges: equal to the rebuilt one at the end
            ClientBook rest = new ClientBook(depth(server, "BTCUSDT"));
            assertThat(rest.id).isEqualTo(o.books.get("BTCUSDT").id);
            assertThat(rest.bids).isEqualTo(o.books.get("BTCUSDT").bids);
            assertThat(rest.asks).isEqualTo(o.books.get("BTCUSDT").asks);
        }
    }

    @Test
    @EnabledIf(value = "io.context8.testsupport.SharedData#recordingsPresent",
            disabledReason = "real Binance recordings not found (../shared/data/binance or $CONTEXT8_DATA_DIR)")
    void twoPassesOfTheRealRecordingsMatchEveryBookTickerInBothPasses() throws Exception {
        List<Path> files = List.of(SharedData.recording2024a(), SharedData.recording2024b());
        try (ReplayServer server = ReplayServer.builder().files(files).speed(ReplaySpeed.MAX).loop(true).passes(2)
                .port(0).build().start()) {
            long[] span = tradeSpan(files);
            Outcome o = play(server, List.of("BTCUSDT"), "btcusdt@trade/btcusdt@depth@100ms/btcusdt@bookTicker", true,
                    Map.of("BTCUSDT", span));
            ClientBook book = o.books.get("BTCUSDT");
            System.out.printf("ReplayLoopTest (real data): %d frames in 2 passes; bookTicker matches by pass %s, "
                    + "mismatches %d, gaps %d%n", server.framesSent(), book.matchesByPass, book.mismatches, o.tracker.gaps());
            assertThat(o.tracker.gaps()).isZero();
            assertThat(o.snapshotRequests).isEqualTo(1);
            assertThat(book.mismatches).isZero();
            assertThat(book.matchesByPass).containsEntry(0, 1072).containsEntry(1, 1072);
            List<Long> ids = o.tradeIds.get("BTCUSDT");
            assertThat(ids).hasSize(2 * 19_904);
            for (int i = 1; i < ids.size(); i++) {
                assertThat(ids.get(i)).isEqualTo(ids.get(i - 1) + 1);
            }
        }
    }

    /** First trade id and trade id span (max - min + 1) of the recordings. */
    private static long[] tradeSpan(List<Path> files) throws Exception {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Path f : files) {
            try (var r = io.context8.recording.RecordingFile.open(f)) {
                while (r.hasNext()) {
                    String frame = r.next().frame();
                    if (frame.startsWith("{\"stream\":\"btcusdt@trade\"")) {
                        long t = MAPPER.readTree(frame).path("data").path("t").asLong();
                        min = Math.min(min, t);
                        max = Math.max(max, t);
                    }
                }
            }
        }
        return new long[] {min, max - min + 1};
    }
}
