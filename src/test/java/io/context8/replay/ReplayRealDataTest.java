package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;
import io.context8.testsupport.SharedData;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/**
 * The real Binance captures played at max speed to a real websocket client (skipped when the data is
 * absent). Oracles: the README's frame counts, and the recorded bookTicker / last diff id for the final book.
 */
class ReplayRealDataTest {

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

    /** Counts per stream name, and the last message of each stream, without keeping every frame. */
    private static final class Counter {
        final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        final Map<String, String> last = new ConcurrentHashMap<>();
        final AtomicLong total = new AtomicLong();
        final AtomicReference<Long> lastNanos = new AtomicReference<>(0L);
        long connectedNanos;

        long count(String stream) {
            AtomicLong c = counts.get(stream);
            return c == null ? 0 : c.get();
        }
    }

    private static Counter play(ReplayServer server, String streams) throws Exception {
        Counter counter = new Counter();
        WebSocket ws = vertx.createWebSocketClient().connect(server.port(), "127.0.0.1", "/stream?streams=" + streams)
                .map(w -> {
                    counter.connectedNanos = System.nanoTime();
                    w.textMessageHandler(text -> {
                        String stream = ReplayServer.streamName(text);
                        counter.counts.computeIfAbsent(stream, k -> new AtomicLong()).incrementAndGet();
                        counter.last.put(stream, text);
                        counter.total.incrementAndGet();
                        counter.lastNanos.set(System.nanoTime());
                    });
                    return w;
                }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> server.finished() && counter.total.get() == server.framesSent());
        assertThat(ws.isClosed()).isFalse();
        return counter;
    }

    /** The last recorded diff's data and the last recorded bookTicker's data, read straight from the files. */
    private static JsonNode[] lastDiffAndTicker(List<Path> files) throws Exception {
        String lastDiff = null;
        String lastTicker = null;
        for (Path f : files) {
            try (RecordingFile.Reader r = RecordingFile.open(f)) {
                while (r.hasNext()) {
                    RecordedFrame fr = r.next();
                    String s = ReplayServer.streamName(fr.frame());
                    if ("btcusdt@depth@100ms".equals(s)) {
                        lastDiff = fr.frame();
                    } else if ("btcusdt@bookTicker".equals(s)) {
                        lastTicker = fr.frame();
                    }
                }
            }
        }
        return new JsonNode[] {MAPPER.readTree(lastDiff).path("data"), MAPPER.readTree(lastTicker).path("data")};
    }

    private static JsonNode depth(ReplayServer server, int limit) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/api/v3/depth?symbol=BTCUSDT&limit=" + limit)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return MAPPER.readTree(r.body());
    }

    @Test
    void bothFilesOf2024AtMaxSpeedDeliverEveryFrameAndEndOnTheRecordedBook() throws Exception {
        List<Path> files = List.of(SharedData.recording2024a(), SharedData.recording2024b());
        try (ReplayServer server = ReplayServer.builder().files(files).speed(ReplaySpeed.MAX).port(0).build().start()) {
            JsonNode before = depth(server, 5000);
            assertThat(before.path("lastUpdateId").asLong()).as("first recorded snapshot").isEqualTo(50093239218L);
            assertThat(before.path("bids").size()).isEqualTo(1000);

            Counter c = play(server, "btcusdt@trade/btcusdt@depth@100ms/btcusdt@bookTicker");
            double seconds = (c.lastNanos.get() - c.connectedNanos) / 1e9;
            System.out.printf("Replayed %d frames of the two 2024 files at max speed in %.2f s (%.0f frames/s)%n",
                    c.total.get(), seconds, c.total.get() / seconds);

            assertThat(c.count("btcusdt@trade")).isEqualTo(19_904);
            assertThat(c.count("btcusdt@depth@100ms")).isEqualTo(6_495);
            assertThat(c.count("btcusdt@bookTicker")).isEqualTo(73_174);
            assertThat(c.counts).hasSize(3);

            JsonNode[] oracle = lastDiffAndTicker(files);
            JsonNode lastDiff = oracle[0];
            JsonNode lastTicker = oracle[1];
            assertThat(c.last.get("btcusdt@bookTicker")).isEqualTo(
                    "{\"stream\":\"btcusdt@bookTicker\",\"data\":" + lastTicker + "}");

            JsonNode book = depth(server, 5);
            long id = book.path("lastUpdateId").asLong();
            assertThat(id).isEqualTo(lastDiff.path("u").asLong());
            JsonNode bestBid = book.path("bids").path(0);
            JsonNode bestAsk = book.path("asks").path(0);
            assertThat(new java.math.BigDecimal(bestBid.path(0).asText()))
                    .isLessThan(new java.math.BigDecimal(bestAsk.path(0).asText()));
            if (lastTicker.path("u").asLong() == id) {
                assertThat(bestBid.path(0).asText()).isEqualTo(lastTicker.path("b").asText());
                assertThat(bestBid.path(1).asText()).isEqualTo(lastTicker.path("B").asText());
                assertThat(bestAsk.path(0).asText()).isEqualTo(lastTicker.path("a").asText());
                assertThat(bestAsk.path(1).asText()).isEqualTo(lastTicker.path("A").asText());
            }
        }
    }

    @Test
    void recordingOf2023WithoutSnapshotBuildsAPartialBookFromDiffs() throws Exception {
        Path file = SharedData.recording2023();
        try (ReplayServer server = ReplayServer.builder().files(file).speed(ReplaySpeed.MAX).port(0).build().start()) {
            Counter c = play(server, "btcusdt@trade/btcusdt@depth@100ms/btcusdt@bookTicker");
            assertThat(c.count("btcusdt@trade")).isEqualTo(3_144);
            assertThat(c.count("btcusdt@depth@100ms")).isEqualTo(3_929);
            assertThat(c.count("btcusdt@bookTicker")).isEqualTo(8_015);
            JsonNode lastDiff = lastDiffAndTicker(List.of(file))[0];
            assertThat(depth(server, 10).path("lastUpdateId").asLong()).isEqualTo(lastDiff.path("u").asLong());
            assertThat(server.book("BTCUSDT").partial()).isTrue();
        }
    }
}
