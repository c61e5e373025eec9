package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.context8.replay.ReplayFixtures.Line;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;

/** The replay server against generated recordings, through a real websocket client and HTTP client. */
class ReplayServerTest {

    private static final String ALL_A_B = "/stream?streams=btcusdt@trade/btcusdt@depth@100ms/btcusdt@bookTicker"
            + "/ethusdt@trade/ethusdt@depth@100ms/ethusdt@bookTicker";

    @TempDir
    static Path dir;
    static Path fileA;
    static Path fileB;
    static Path fileC;
    static Vertx vertx;
    static final HttpClient http = HttpClient.newHttpClient();

    private ReplayServer server;

    @BeforeAll
    static void fixtures() throws Exception {
        fileA = ReplayFixtures.write(dir.resolve("a.gz"), ReplayFixtures.fileA());
        fileB = ReplayFixtures.write(dir.resolve("b.gz"), ReplayFixtures.fileB());
        fileC = ReplayFixtures.write(dir.resolve("c.gz"), ReplayFixtures.fileC());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    private ReplayServer start(ReplaySpeed speed, Path... files) {
        server = ReplayServer.builder().files(files).speed(speed).port(0).build().start();
        return server;
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> frames(List<Line> lines, String... streams) {
        List<String> wanted = List.of(streams);
        return lines.stream().filter(l -> !l.isSnapshot() && wanted.contains(l.stream())).map(Line::frame).toList();
    }

    private static List<Line> concat(List<Line> a, List<Line> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void onlySubscribedStreamsAreSentVerbatimAndUnknownNamesAreAccepted() throws Exception {
        start(ReplaySpeed.MAX, fileA, fileB);
        List<String> expected = frames(ReplayFixtures.fileA(), "btcusdt@trade", "btcusdt@depth@100ms");
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(),
                "/stream?streams=btcusdt@trade/btcusdt@depth@100ms/nosuchcoin@trade/btcusdt@kline_1m")) {
            await().atMost(Duration.ofSeconds(10)).until(server::finished);
            await().atMost(Duration.ofSeconds(5)).until(() -> c.messages.size() >= expected.size());
            assertThat(c.messages).containsExactlyElementsOf(expected);
            assertThat(c.messages).noneMatch(m -> m.startsWith("{\"lastUpdateId\""));
            assertThat(server.position()).isEqualTo(server.totalFrames()).isEqualTo(15);
        }
    }

    @Test
    void filesPlayInOrderAsOneFeed() throws Exception {
        start(ReplaySpeed.MAX, fileA, fileB);
        List<String> expected = frames(concat(ReplayFixtures.fileA(), ReplayFixtures.fileB()),
                "btcusdt@trade", "btcusdt@depth@100ms", "btcusdt@bookTicker",
                "ethusdt@trade", "ethusdt@depth@100ms", "ethusdt@bookTicker");
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), ALL_A_B)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.messages.size() >= expected.size());
            assertThat(c.messages).containsExactlyElementsOf(expected);
            assertThat(server.framesSent()).isEqualTo(expected.size());
        }
    }

    @Test
    void urlEncodedStreamNamesAreDecoded() throws Exception {
        start(ReplaySpeed.MAX, fileA, fileB);
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(),
                "/stream?streams=btcusdt%40trade%2Fethusdt%40trade")) {
            List<String> expected = frames(concat(ReplayFixtures.fileA(), ReplayFixtures.fileB()),
                    "btcusdt@trade", "ethusdt@trade");
            await().atMost(Duration.ofSeconds(10)).until(() -> c.messages.size() >= expected.size());
            assertThat(c.messages).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void depthBeforePlaybackIsTheFirstRecordedSnapshotReadAhead() throws Exception {
        start(ReplaySpeed.MAX, fileA, fileB);
        assertThat(server.playing()).isFalse();
        HttpResponse<String> a = get("/api/v3/depth?symbol=BTCUSDT&limit=1000");
        assertThat(a.statusCode()).isEqualTo(200);
        assertThat(a.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(a.body()).isEqualTo(ReplayFixtures.SNAPSHOT_A);
        // file B starts with its snapshot: its symbol comes from the frames after it
        assertThat(get("/api/v3/depth?symbol=ETHUSDT").body()).isEqualTo(ReplayFixtures.SNAPSHOT_B);
    }

    @Test
    void depthAnswersTheDefaultSnapshotLimitOf5000() throws Exception {
        start(ReplaySpeed.MAX, fileA);
        HttpResponse<String> r = get("/api/v3/depth?symbol=BTCUSDT&limit=5000");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(ReplayFixtures.SNAPSHOT_A);
    }

    @Test
    void exchangeInfoDerivesTickAndStepFromTheRecordedDecimals() throws Exception {
        start(ReplaySpeed.MAX, fileA, fileB);
        HttpResponse<String> r = get("/api/v3/exchangeInfo?symbol=BTCUSDT");
        assertThat(r.statusCode()).isEqualTo(200);
        // the whole of file A, not only its snapshot (prices 98..103, quantities 1.5, 2, 3, 1, 5): the diffs'
        // 99.5 and 100.9 and the trades' 0.01 are on the increments the server announces
        assertThat(r.body()).contains("\"symbol\":\"BTCUSDT\"")
                .contains("{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.10000000\"")
                .contains("\"tickSize\":\"0.10000000\"").contains("\"stepSize\":\"0.01000000\"")
                .doesNotContain("ETHUSDT");
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), "/stream?streams=btcusdt@trade")) {
            await().atMost(Duration.ofSeconds(10)).until(server::finished);
            assertThat(get("/api/v3/exchangeInfo?symbol=BTCUSDT").body().replaceAll("\"serverTime\":\\d+", ""))
                    .as("the same answer at any playback position")
                    .isEqualTo(r.body().replaceAll("\"serverTime\":\\d+", ""));
        }
        assertThat(get("/api/v3/exchangeInfo").body()).contains("\"symbol\":\"BTCUSDT\"")
                .contains("\"symbol\":\"ETHUSDT\"");
        HttpResponse<String> unknown = get("/api/v3/exchangeInfo?symbol=XRPUSDT");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }

    @Test
    void depthLimitKeepsTheTopLevels() throws Exception {
        start(ReplaySpeed.MAX, fileA);
        assertThat(get("/api/v3/depth?symbol=BTCUSDT&limit=1").body()).isEqualTo("{\"lastUpdateId\":112,"
                + "\"bids\":[[\"100.00000000\",\"1.50000000\"]],\"asks\":[[\"101.00000000\",\"1.00000000\"]]}");
    }

    @Test
    void depthAfterTheEndIsTheFinalBook() throws Exception {
        start(ReplaySpeed.MAX, fileA, fileB);
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), "/stream?streams=btcusdt@trade")) {
            await().atMost(Duration.ofSeconds(10)).until(server::finished);
            assertThat(get("/api/v3/depth?symbol=BTCUSDT").body()).isEqualTo(ReplayFixtures.BOOK_A_END);
            assertThat(get("/api/v3/depth?symbol=ETHUSDT").body()).isEqualTo(ReplayFixtures.BOOK_B_END);
            assertThat(c.ws.isClosed()).as("connection stays open after the last frame").isFalse();
        }
    }

    @Test
    void depthFollowsThePlaybackPosition() throws Exception {
        start(ReplaySpeed.REAL_TIME, fileA);
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), "/stream?streams=btcusdt@trade")) {
            // in the 800 ms gap after the snapshot line: snapshot + the diff that spans it
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> server.position() == ReplayFixtures.A_BEFORE_GAP);
            assertThat(get("/api/v3/depth?symbol=BTCUSDT").body()).isEqualTo(ReplayFixtures.BOOK_A_MID);
            assertThat(server.position()).as("still in the gap").isEqualTo(ReplayFixtures.A_BEFORE_GAP);
            await().atMost(Duration.ofSeconds(5)).until(server::finished);
            assertThat(get("/api/v3/depth?symbol=BTCUSDT").body()).isEqualTo(ReplayFixtures.BOOK_A_END);
        }
    }

    @Test
    void recordingWithoutSnapshotServesAPartialBookFromDiffsAlone() throws Exception {
        start(ReplaySpeed.MAX, fileC);
        assertThat(get("/api/v3/depth?symbol=BTCUSDT").body()).isEqualTo("{\"lastUpdateId\":0,\"bids\":[],\"asks\":[]}");
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), "/stream?streams=btcusdt@trade")) {
            await().atMost(Duration.ofSeconds(10)).until(server::finished);
            assertThat(get("/api/v3/depth?symbol=BTCUSDT").body()).isEqualTo(ReplayFixtures.BOOK_C_END);
            assertThat(server.book("BTCUSDT").partial()).isTrue();
        }
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("unknown symbol", "/api/v3/depth?symbol=DOGEUSDT", 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"),
                Arguments.of("lower-case symbol", "/api/v3/depth?symbol=btcusdt", 400, "\"code\":-1100"),
                Arguments.of("missing symbol", "/api/v3/depth", 400, "\"code\":-1102"),
                Arguments.of("empty symbol", "/api/v3/depth?symbol=", 400, "\"code\":-1102"),
                Arguments.of("limit 0", "/api/v3/depth?symbol=BTCUSDT&limit=0", 400,
                        "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'limit'; legal range is '1-5000'.\"}"),
                Arguments.of("limit 5001", "/api/v3/depth?symbol=BTCUSDT&limit=5001", 400, "legal range is '1-5000'"),
                Arguments.of("limit huge", "/api/v3/depth?symbol=BTCUSDT&limit=99999999999999", 400, "legal range is '1-5000'"),
                Arguments.of("limit not a number", "/api/v3/depth?symbol=BTCUSDT&limit=abc", 400, "\"code\":-1100"),
                Arguments.of("limit negative", "/api/v3/depth?symbol=BTCUSDT&limit=-5", 400, "\"code\":-1100"),
                Arguments.of("unknown path", "/api/v3/nothing", 404, ""),
                Arguments.of("root", "/", 404, ""));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("badRequests")
    void restErrorsLikeBinance(String name, String path, int status, String bodyPart) throws Exception {
        if (server == null) {
            start(ReplaySpeed.MAX, fileA);
        }
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).contains(bodyPart);
    }

    @Test
    void limitAtTheBoundsIsAccepted() throws Exception {
        start(ReplaySpeed.MAX, fileA);
        assertThat(get("/api/v3/depth?symbol=BTCUSDT&limit=5000").body()).isEqualTo(ReplayFixtures.SNAPSHOT_A);
        assertThat(get("/api/v3/depth?symbol=BTCUSDT&limit=1").statusCode()).isEqualTo(200);
    }

    @Test
    void websocketOnAnUnknownPathIsRejected() {
        start(ReplaySpeed.MAX, fileA);
        assertThatThrownBy(() -> WsTestClient.connect(vertx, server.port(), "/nothing?streams=btcusdt@trade"))
                .hasMessageContaining("404");
        assertThat(server.playing()).isFalse();
    }

    @Test
    void aStartOffsetSkipsTheEarlierLinesButTheirDiffsStillMoveTheBook() throws Exception {
        // file B's first line is GAP_MS + 10 ms into the feed: every line of file A lies before the offset
        server = ReplayServer.builder().files(fileA, fileB).speed(ReplaySpeed.MAX).port(0).build()
                .startAt(Duration.ofMillis(ReplayFixtures.GAP_MS + 10)).start();
        List<String> onlyB = frames(ReplayFixtures.fileB(), "ethusdt@trade", "ethusdt@depth@100ms", "ethusdt@bookTicker");
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), ALL_A_B)) {
            await().atMost(Duration.ofSeconds(10)).until(server::finished);
            await().atMost(Duration.ofSeconds(5)).until(() -> c.messages.size() >= onlyB.size());
            assertThat(c.messages).as("nothing of file A is sent").containsExactlyElementsOf(onlyB);
            assertThat(server.position()).as("skipped lines count as played").isEqualTo(server.totalFrames());
            assertThat(get("/api/v3/depth?symbol=BTCUSDT").body()).as("book A followed the skipped diffs")
                    .isEqualTo(ReplayFixtures.BOOK_A_END);
        }
    }

    @Test
    void aStartOffsetPastTheEndSendsNothingAndLeavesTheFinalBook() throws Exception {
        server = ReplayServer.builder().files(fileA).speed(ReplaySpeed.REAL_TIME).port(0).build()
                .startAt(Duration.ofHours(1)).start();
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), ALL_A_B)) {
            await().atMost(Duration.ofSeconds(10)).until(server::finished);
            assertThat(server.framesSent()).isZero();
            assertThat(c.messages).isEmpty();
            assertThat(get("/api/v3/depth?symbol=BTCUSDT").body()).isEqualTo(ReplayFixtures.BOOK_A_END);
        }
        assertThatThrownBy(() -> ReplayServer.builder().files(fileA).build().startAt(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secondClientJoinsAtTheSharedLivePosition() throws Exception {
        start(ReplaySpeed.REAL_TIME, fileA);
        String uri = "/stream?streams=btcusdt@trade/btcusdt@depth@100ms/btcusdt@bookTicker";
        List<String> all = frames(ReplayFixtures.fileA(), "btcusdt@trade", "btcusdt@depth@100ms", "btcusdt@bookTicker");
        List<String> afterGap = frames(ReplayFixtures.fileA().subList(ReplayFixtures.A_BEFORE_GAP,
                ReplayFixtures.fileA().size()), "btcusdt@trade", "btcusdt@depth@100ms", "btcusdt@bookTicker");
        try (WsTestClient first = WsTestClient.connect(vertx, server.port(), uri)) {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> server.position() == ReplayFixtures.A_BEFORE_GAP);
            try (WsTestClient second = WsTestClient.connect(vertx, server.port(), uri)) {
                await().atMost(Duration.ofSeconds(5)).until(server::finished);
                await().atMost(Duration.ofSeconds(5)).until(() -> first.messages.size() >= all.size()
                        && second.messages.size() >= afterGap.size());
                assertThat(first.messages).containsExactlyElementsOf(all);
                assertThat(second.messages).as("joined during the gap: frames from the live position on")
                        .containsExactlyElementsOf(afterGap);
            }
        }
    }

    @Test
    void realTimeSpeedTakesAtLeastTheRecordedSpan() throws Exception {
        start(ReplaySpeed.REAL_TIME, fileA, fileB);
        List<Line> lines = concat(ReplayFixtures.fileA(), ReplayFixtures.fileB());
        long spanNanos = lines.get(lines.size() - 1).offsetNanos() - lines.get(0).offsetNanos();
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), ALL_A_B)) {
            int expected = frames(lines, "btcusdt@trade", "btcusdt@depth@100ms", "btcusdt@bookTicker",
                    "ethusdt@trade", "ethusdt@depth@100ms", "ethusdt@bookTicker").size();
            await().atMost(Duration.ofSeconds(10)).until(() -> c.messages.size() >= expected);
            long elapsed = c.lastMessageNanos - c.connectedNanos;
            assertThat(elapsed).as("elapsed ns for a %d ns recording", spanNanos)
                    .isGreaterThanOrEqualTo(spanNanos - 50 * ReplayFixtures.MS);
        }
    }

    @Test
    void tenTimesSpeedTakesAtLeastATenthOfTheSpan() throws Exception {
        start(ReplaySpeed.parse("10"), fileA, fileB);
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), "/stream?streams=ethusdt@bookTicker")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.messages.size() >= 1);
            long spanNanos = (ReplayFixtures.GAP_MS + 10 + 3) * ReplayFixtures.MS;
            assertThat(c.lastMessageNanos - c.connectedNanos).isGreaterThanOrEqualTo(spanNanos / 10 - 20 * ReplayFixtures.MS);
        }
    }

    @Test
    void maxSpeedWaitsForASlowClientAndDropsNothing(@TempDir Path tmp) throws Exception {
        int n = 60_000;
        Path big = ReplayFixtures.writeTrades(tmp.resolve("trades.gz"), n);
        start(ReplaySpeed.MAX, big);
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), "/stream?streams=btcusdt@trade",
                new WebSocketClientOptions().setReceiveBufferSize(8192), true)) {
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
                    .until(() -> server.position() < n && !server.finished());
            long heldAt = server.position();
            c.ws.resume();
            await().atMost(Duration.ofSeconds(60)).until(() -> c.messages.size() >= n);
            assertThat(heldAt).as("playback held back by the paused client").isLessThan(n);
            assertThat(c.messages).hasSize(n);
            for (int i = 0; i < n; i += 997) {
                assertThat(c.messages.get(i)).isEqualTo(ReplayFixtures.trade("btcusdt", i + 1, "100.50000000"));
            }
            assertThat(c.messages.get(n - 1)).isEqualTo(ReplayFixtures.trade("btcusdt", n, "100.50000000"));
        }
    }

    @Test
    void subscribeAndListSubscriptionsRequestsAreAnswered() throws Exception {
        start(ReplaySpeed.REAL_TIME, fileA);
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), "/stream?streams=btcusdt@aggTrade")) {
            c.ws.writeTextMessage("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":1}");
            c.ws.writeTextMessage("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}");
            await().atMost(Duration.ofSeconds(5)).until(() -> c.messages.contains("{\"result\":null,\"id\":1}")
                    && c.messages.contains("{\"result\":[\"btcusdt@aggtrade\",\"btcusdt@trade\"],\"id\":2}"));
            await().atMost(Duration.ofSeconds(5)).until(server::finished);
            // the last trade comes after the 800 ms gap, well after the subscription
            await().atMost(Duration.ofSeconds(5)).until(() -> c.messages.contains(ReplayFixtures.trade("btcusdt", 3, "100.90000000")));
        }
    }

    @Test
    void malformedDiffIsSentVerbatimButLeavesTheBookAlone(@TempDir Path tmp) throws Exception {
        String broken = ReplayFixtures.diff("btcusdt", 121, 125, "[[\"not-a-price\",\"1\"]]", "[]");
        String truncated = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpd";
        List<Line> lines = new java.util.ArrayList<>(ReplayFixtures.fileA());
        lines.add(new Line(ReplayFixtures.GAP_MS * ReplayFixtures.MS + 9, broken));
        lines.add(new Line(ReplayFixtures.GAP_MS * ReplayFixtures.MS + 10, truncated));
        Path file = ReplayFixtures.write(tmp.resolve("broken.gz"), lines);
        start(ReplaySpeed.MAX, file);
        try (WsTestClient c = WsTestClient.connect(vertx, server.port(), "/stream?streams=btcusdt@depth@100ms")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> server.finished() && c.messages.size() >= 5);
            assertThat(c.messages).endsWith(broken, truncated);
            assertThat(server.malformedBookFrames()).isEqualTo(2);
            assertThat(server.failure()).isEmpty();
            assertThat(get("/api/v3/depth?symbol=BTCUSDT").body()).isEqualTo(ReplayFixtures.BOOK_A_END);
        }
    }

    @Test
    void unreadableFileOrFileWithoutStreamFramesIsRejectedAtStart(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> ReplayServer.builder().files(tmp.resolve("missing.gz")).build().start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.gz");
        Path onlySnapshot = ReplayFixtures.write(tmp.resolve("snap.gz"), List.of(new Line(0, ReplayFixtures.SNAPSHOT_A)));
        assertThatThrownBy(() -> ReplayServer.builder().files(onlySnapshot).build().start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbol is unknown");
        assertThatThrownBy(() -> ReplayServer.builder().files(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
