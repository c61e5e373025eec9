package io.context8.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.testsupport.AppProcess;
import io.context8.testsupport.NodeProcess;
import io.context8.testsupport.RecordingExpectations;
import io.context8.testsupport.RedisServerProcess;
import io.context8.testsupport.SharedData;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The whole product on real data: the packaged jar in replay mode plays both 2024 BTCUSDT recordings at max
 * speed through the real ingest route, a real Redis stream and the analytics route; the final report must
 * equal what {@link RecordingExpectations} computes from the recording on its own.
 */
@EnabledIf(value = "io.context8.testsupport.SharedData#recordingsPresent",
        disabledReason = "real Binance recordings not found (../shared/data/binance or $CONTEXT8_DATA_DIR)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FullPipelineIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static RedisServerProcess redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> conn;
    private static AppProcess app;
    private static RecordingExpectations expected;
    private static double replaySeconds;

    @BeforeAll
    static void replayBothFiles() throws Exception {
        expected = RecordingExpectations.of(SharedData.recording2024a(), SharedData.recording2024b());
        redis = RedisServerProcess.start();
        client = RedisClient.create(redis.url());
        conn = client.connect();
        app = AppProcess.start("full-pipeline", Map.of(
                "REDIS_URL", redis.url(),
                "CONTEXT8_SOURCE", "replay",
                "CONTEXT8_REPLAY_PORT", String.valueOf(AppProcess.freePort()),
                "CONTEXT8_REPLAY_FILES", SharedData.recording2024a() + "," + SharedData.recording2024b(),
                "CONTEXT8_REPLAY_SPEED", "max",
                // the whole book in the snapshot (the replay's is under 5000 levels a side): with the default
                // 1000, levels beyond the 1000th that diffs added before the fetch are cut, as on Binance, and
                // the far end of the book could not be compared level for level
                "CONTEXT8_BINANCE_SNAPSHOT_LIMIT", "5000",
                "CONTEXT8_SYMBOLS", "BTCUSDT"));
        long t0 = System.nanoTime();
        Awaitility.await("final report at update id " + expected.bookUpdateId).atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode r = report();
                    return r != null && r.at("/book/update_id").asLong() == expected.bookUpdateId
                            && r.get("last_price").decimalValue().compareTo(expected.lastPrice) == 0;
                });
        replaySeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("FullPipelineIT: ready in %.1f s; both recordings through ingest+analytics in %.1f s%n",
                app.secondsToReady(), replaySeconds);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (conn != null) {
            conn.close();
            client.shutdown();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    @Order(1)
    void everyFrameReachedTheStreamAndNothingIsPending() {
        long frames = expected.tradeCount + expected.diffs + expected.bookTickers;
        // one REST snapshot at the start; analytics may ask for another one when the first is slow to arrive
        // (a book out of sync for context8.book.resync-interval while diffs flow): ingest counts every snapshot
        Awaitility.await("every frame and every REST snapshot on the stream").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    long snapshots = MAPPER.readTree(conn.sync().get("context8:ingest:binance")).path("snapshots")
                            .asLong();
                    assertThat(snapshots).as("REST snapshots ingest appended").isPositive();
                    assertThat(conn.sync().xlen("nt:binance")).as("frames + REST snapshots")
                            .isEqualTo(frames + snapshots);
                });
        Awaitility.await("no pending entries").atMost(Duration.ofSeconds(10))
                .until(() -> conn.sync().xpending("nt:binance", "context8").getCount() == 0);
    }

    @Test
    @Order(2)
    void finalReportEqualsTheIndependentComputation() throws Exception {
        JsonNode r = report();
        assertThat(r.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(r.at("/book/state").asText()).isEqualTo("synced");
        assertThat(r.at("/book/best_bid/price").decimalValue()).isEqualByComparingTo(expected.bestBid());
        assertThat(r.at("/book/best_bid/qty").decimalValue()).isEqualByComparingTo(expected.bids.firstEntry().getValue());
        assertThat(r.at("/book/best_ask/price").decimalValue()).isEqualByComparingTo(expected.bestAsk());
        assertThat(r.at("/book/best_ask/qty").decimalValue()).isEqualByComparingTo(expected.asks.firstEntry().getValue());
        assertThat(r.at("/book/bid_levels").asInt()).isEqualTo(expected.bids.size());
        assertThat(r.at("/book/ask_levels").asInt()).isEqualTo(expected.asks.size());
        assertThat(r.get("mid").asDouble()).isCloseTo(expected.mid(), within(1e-6));
        assertThat(r.get("spread_bps").asDouble()).as("bps to 4 significant digits").isCloseTo(expected.spreadBps(), within(0.005));
        assertThat(r.get("micro_price").asDouble()).as("to a tenth of the tick").isCloseTo(expected.weightedMid(), within(0.0005));
        assertThat(r.get("imbalance").asDouble()).as("4 decimals").isCloseTo(expected.imbalance(20), within(5e-5));
        assertThat(r.at("/depth/bid_qty").asDouble()).isCloseTo(expected.depthQty(true, 20).doubleValue(), within(1e-9));
        assertThat(r.at("/depth/ask_qty").asDouble()).isCloseTo(expected.depthQty(false, 20).doubleValue(), within(1e-9));
        assertThat(r.get("last_price").decimalValue()).isEqualByComparingTo(expected.lastPrice);
        assertThat(r.at("/flow/trades_per_sec").asDouble()).isCloseTo(expected.ordersPerSec(10_000), within(1e-9));
        assertThat(r.at("/flow/book_updates_per_sec").asDouble())
                .isCloseTo(expected.bookUpdatesPerSec(10_000), within(1e-9));
        assertThat(r.at("/flow/orders_per_sec").asDouble())
                .isCloseTo(expected.ordersPerSec(10_000) + expected.bookUpdatesPerSec(10_000), within(1e-9));
        assertThat(r.at("/source/kind").asText()).isEqualTo("replay");
        assertThat(r.at("/source/speed").asText()).isEqualTo("max");
        assertThat(r.at("/source/recording").toString())
                .isEqualTo("[\"btcusdt_20240808.gz\",\"btcusdt_20240809.gz\"]");
        assertThat(r.get("market_time").asText()).isEqualTo(r.at("/timestamps/last_event").asText());
        assertThat(r.at("/flow/net_flow").asDouble()).isCloseTo(expected.netFlow(30_000), within(1e-8));
        assertThat(r.get("ticker_24h").isNull()).as("no 24h ticker in these recordings").isTrue();
        // the replay server's exchangeInfo (the finest decimals of the whole recording), carried by the snapshot
        // event; nothing played is off it, so it is never refined to "observed"
        assertThat(r.at("/book/increments/source").asText()).isEqualTo("exchange_info");
        assertThat(r.at("/book/increments/tick_size").decimalValue()).isEqualByComparingTo("0.01");
        // Binance's step is 0.00001, but the recording holds quantities with 6 decimals (25.426189 at a
        // 200000.00 ask among them): the recording's finest step is what the replay server announces
        assertThat(r.at("/book/increments/step_size").decimalValue()).isEqualByComparingTo("0.000001");
        assertThat(r.at("/book/coverage/snapshot_limit").asInt()).isEqualTo(5000);
        assertThat(r.at("/book/coverage/bid_low").decimalValue()).isNotNull();
        assertThat(r.at("/timestamps/last_event").asText())
                .isEqualTo(java.time.Instant.ofEpochMilli(expected.newestEventMs).toString());
    }

    @Test
    @Order(3)
    void getReportOverHttpServesTheSameReport() throws Exception {
        HttpResponse<String> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.baseUrl() + "/get_report?symbol=BTCUSDT")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(200);
        JsonNode r = MAPPER.readTree(resp.body());
        assertThat(r.at("/book/update_id").asLong()).isEqualTo(expected.bookUpdateId);
    }

    @Test
    @Order(4)
    void officialTypeScriptClientGetsTheReportOverMcp() throws Exception {
        NodeProcess.Result r = mcpGetReport("BTCUSDT");
        JsonNode result = MAPPER.readTree(r.stdout());
        assertThat(result.path("isError").asBoolean(false)).as(r.stdout()).isFalse();
        JsonNode sc = result.get("structuredContent");
        assertThat(sc.at("/book/update_id").asLong()).isEqualTo(expected.bookUpdateId);
        assertThat(sc.at("/book/best_bid/price").decimalValue()).isEqualByComparingTo(expected.bestBid());
        assertThat(sc.at("/book/best_ask/price").decimalValue()).isEqualByComparingTo(expected.bestAsk());
        assertThat(sc.get("last_price").decimalValue()).isEqualByComparingTo(expected.lastPrice);
        // the TypeScript client re-serializes structuredContent (10.0 comes back as 10): compare numbers by value
        assertThat(result.at("/content/0/text").asText()).as("the summary sentence names the replay")
                .startsWith("Replay of recorded Binance data (BTCUSDT, recording ").contains("market time 2024-08-09T");
        assertThat(MAPPER.readTree(result.at("/content/1/text").asText()).equals((a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, sc))
                .as("text content = structured content").isTrue();
    }

    @Test
    @Order(5)
    void unconfiguredSymbolIsAToolErrorNotIndexed() throws Exception {
        NodeProcess.Result r = mcpGetReport("ETHUSDT");
        JsonNode result = MAPPER.readTree(r.stdout());
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(r.stdout()).contains("symbol_not_indexed");
    }

    @Test
    @Order(6)
    void marketDataToolsAgreeWithTheRecording() throws Exception {
        NodeProcess.requireClients();
        NodeProcess.Result r = NodeProcess.run(Duration.ofSeconds(60), Map.of(),
                java.util.List.of("node", "all-tools.mjs", "BTCUSDT", "http", app.baseUrl() + "/mcp"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode calls = MAPPER.readTree(r.stdout()).get("calls");
        JsonNode book = calls.at("/get_order_book/structuredContent");
        assertThat(book.get("in_sync").asBoolean()).isTrue();
        assertThat(book.get("update_id").asLong()).isEqualTo(expected.bookUpdateId);
        assertThat(book.at("/bids/0/0").decimalValue()).isEqualByComparingTo(expected.bestBid());
        assertThat(book.at("/asks/0/0").decimalValue()).isEqualByComparingTo(expected.bestAsk());
        JsonNode trades = calls.at("/get_recent_trades/structuredContent/trades");
        assertThat(trades.size()).isEqualTo(10);
        assertThat(trades.get(0).get("price").decimalValue()).isEqualByComparingTo(expected.lastPrice);
        assertThat(trades.get(0).get("id").asLong()).isGreaterThan(trades.get(1).get("id").asLong());
        JsonNode candles = calls.at("/get_ohlcv/structuredContent/candles");
        assertThat(candles.size()).isPositive();
        JsonNode newest = candles.get(candles.size() - 1);
        assertThat(newest.get("close").decimalValue()).isEqualByComparingTo(expected.lastPrice);
        assertThat(newest.get("low").decimalValue()).isLessThanOrEqualTo(newest.get("high").decimalValue());
        assertThat(calls.at("/list_symbols/structuredContent/symbols/0/has_report").asBoolean()).isTrue();
    }

    @Test
    @Order(7)
    void officialTypeScriptClientOverStdioGetsTheSameData() throws Exception {
        NodeProcess.requireClients();
        NodeProcess.Result r = NodeProcess.run(Duration.ofSeconds(120),
                Map.of("REDIS_URL", redis.url(), "CONTEXT8_SYMBOLS", "BTCUSDT"),
                java.util.List.of("node", "all-tools.mjs", "BTCUSDT", "stdio", javaBinary(), "-Xmx256m", "-jar",
                        jar(), "--stdio"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode out = MAPPER.readTree(r.stdout());
        assertThat(out.get("tools").size()).isEqualTo(5);
        JsonNode calls = out.get("calls");
        calls.fields().forEachRemaining(e -> assertThat(e.getValue().path("isError").asBoolean(false))
                .as(e.getKey() + ": " + e.getValue()).isFalse());
        assertThat(calls.at("/get_report/structuredContent/book/update_id").asLong()).isEqualTo(expected.bookUpdateId);
        assertThat(calls.at("/get_order_book/structuredContent/bids/0/0").decimalValue())
                .isEqualByComparingTo(expected.bestBid());
        assertThat(calls.at("/get_recent_trades/structuredContent/trades/0/price").decimalValue())
                .isEqualByComparingTo(expected.lastPrice);
        assertThat(out.at("/errors/bad_depth/isError").asBoolean()).isTrue();
        assertThat(out.at("/resource/contents/0/uri").asText()).isEqualTo("report://BTCUSDT");
    }

    @Test
    @Order(8)
    void stdioModeWritesOnlyMcpMessagesToStdoutAndStartsNoWebServer() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", jar(), "--stdio");
        pb.environment().put("REDIS_URL", redis.url());
        pb.environment().put("CONTEXT8_SYMBOLS", "BTCUSDT");
        java.nio.file.Path err = java.nio.file.Files.createTempFile("context8-stdio", ".log");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"get_report\","
                    + "\"arguments\":{\"symbol\":\"BTCUSDT\"}}}\n"
                    + "not json\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String stdout = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("exits at end of input").isTrue();
        assertThat(p.exitValue()).isZero();
        java.util.List<String> lines = stdout.lines().toList();
        assertThat(lines).as(stdout).hasSize(3);
        for (String line : lines) {
            assertThat(MAPPER.readTree(line).get("jsonrpc").asText()).as(line).isEqualTo("2.0");
        }
        assertThat(MAPPER.readTree(lines.get(0)).at("/result/protocolVersion").asText()).isEqualTo("2025-06-18");
        assertThat(MAPPER.readTree(lines.get(1)).at("/result/structuredContent/symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(MAPPER.readTree(lines.get(2)).at("/error/code").asInt()).isEqualTo(-32700);
        String log = java.nio.file.Files.readString(err);
        assertThat(log).contains("MCP stdio server ready").doesNotContain("Tomcat started");
    }

    private static String javaBinary() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jar() {
        return java.nio.file.Path.of("target", "context8.jar").toAbsolutePath().toString();
    }

    /** get_report through the official TypeScript client against the running app; the exchange must complete. */
    private static NodeProcess.Result mcpGetReport(String symbol) {
        NodeProcess.requireClients();
        NodeProcess.Result r = NodeProcess.run(Duration.ofSeconds(60), Map.of(),
                java.util.List.of("node", "get-report.mjs", app.baseUrl() + "/mcp", symbol));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static JsonNode report() throws Exception {
        String json = conn.sync().get("report:BTCUSDT");
        return json == null ? null : MAPPER.readTree(json);
    }
}
