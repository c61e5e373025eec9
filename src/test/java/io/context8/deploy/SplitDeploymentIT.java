package io.context8.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.recording.FrameRecorder;
import io.context8.testsupport.AppProcess;
import io.context8.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;

/**
 * The split deployment of docker-compose.yml without Docker: ingest, analytics and MCP as three JVMs (the
 * packaged jar, one role each) against one password-protected redis-server. Ingest plays a recording generated
 * here through its replay server in real time (6 s of diffs and trades, then silence); the report must come
 * out of the MCP process; then each role's Prometheus endpoint, readiness and JSON logs are checked, including
 * how lag and report age move once the feed has stopped, and that MCP readiness follows Redis.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitDeploymentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String PASSWORD = "split-test-" + System.nanoTime();
    private static final int STEPS = 300;
    private static final long SNAPSHOT_ID = 1000;
    private static final String LAST_PRICE = "100.29900000";

    @TempDir
    static Path tmp;
    private static RedisServerProcess redis;
    private static AppProcess ingest;
    private static AppProcess analytics;
    private static AppProcess mcp;

    @BeforeAll
    static void startThreeRoles() throws Exception {
        Path recording = writeRecording(tmp.resolve("split.gz"));
        redis = RedisServerProcess.start();
        RedisClient admin = RedisClient.create(redis.url());
        try (var c = admin.connect()) {
            c.sync().configSet("requirepass", PASSWORD);
        } finally {
            admin.shutdown();
        }
        String url = "redis://:" + PASSWORD + "@127.0.0.1:" + redis.port();
        Map<String, String> common = Map.of("REDIS_URL", url, "CONTEXT8_OBSERVABILITY_SUMMARY_INTERVAL", "2s",
                "CONTEXT8_SYMBOLS", "BTCUSDT");
        CompletableFuture<AppProcess> a = CompletableFuture.supplyAsync(
                () -> AppProcess.start("split-analytics", env(common, "CONTEXT8_ROLES", "analytics")));
        CompletableFuture<AppProcess> m = CompletableFuture.supplyAsync(() -> AppProcess.start("split-mcp",
                env(common, "CONTEXT8_ROLES", "mcp", "CONTEXT8_SYMBOLS", "BTCUSDT,ETHUSDT")));
        analytics = a.join();
        mcp = m.join();
        // ingest last: the replay clock starts when its websocket connects, so the whole feed reaches analytics
        ingest = AppProcess.start("split-ingest", env(common, "CONTEXT8_ROLES", "ingest", "CONTEXT8_SOURCE", "replay",
                "CONTEXT8_REPLAY_PORT", String.valueOf(AppProcess.freePort()), "CONTEXT8_REPLAY_SPEED", "1",
                "CONTEXT8_REPLAY_FILES", recording.toString()));
    }

    @AfterAll
    static void stopAll() {
        for (AppProcess p : new AppProcess[] {ingest, analytics, mcp}) {
            if (p != null) {
                p.close();
            }
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    @Order(1)
    void theReportIsServedEndToEndByTheMcpProcess() throws Exception {
        Awaitility.await("final report via MCP").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode r = callGetReport("BTCUSDT").path("result");
                    JsonNode sc = r.path("structuredContent");
                    System.out.printf("SplitDeploymentIT: isError %s, update_id %s, last_price %s, state %s%n",
                            r.path("isError"), sc.at("/book/update_id"), sc.path("last_price"), sc.at("/book/state"));
                    return !r.path("isError").asBoolean(true)
                            && sc.at("/book/update_id").asLong() == SNAPSHOT_ID + STEPS
                            && sc.path("last_price").decimalValue().compareTo(new java.math.BigDecimal(LAST_PRICE)) == 0;
                });
        JsonNode sc = callGetReport("BTCUSDT").at("/result/structuredContent");
        assertThat(sc.at("/book/state").asText()).isEqualTo("synced");
        assertThat(sc.at("/book/best_bid/price").asDouble()).isEqualTo(100.0);
        assertThat(sc.at("/book/best_ask/price").asDouble()).isEqualTo(100.5);
    }

    /**
     * The MCP process is configured for BTCUSDT and ETHUSDT, analytics for BTCUSDT only: list_symbols gives what
     * analytics reports (its registry in Redis), not the MCP process's own symbols.
     */
    @Test
    @Order(1)
    void theMcpProcessListsTheSymbolsAnalyticsReportsNotItsOwn() throws Exception {
        JsonNode symbols = Awaitility.await("list_symbols from the registry").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).until(() -> call("list_symbols", "{}")
                        .at("/result/structuredContent/symbols"), s -> s.size() > 0);
        assertThat(symbols.findValuesAsText("symbol")).containsExactly("BTCUSDT");
        assertThat(symbols.get(0).get("has_report").asBoolean()).isTrue();
        JsonNode eth = call("get_order_book", "{\"symbol\":\"ETHUSDT\"}").get("result");
        assertThat(eth.get("isError").asBoolean()).isTrue();
        assertThat(eth.at("/content/0/text").asText()).contains("symbol_not_indexed", "this server indexes BTCUSDT");
        JsonNode tools = JSON.readTree(post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"))
                .at("/result/tools");
        assertThat(tools.toString()).as("descriptions name no configured default").doesNotContain("ETHUSDT");
    }

    @Test
    @Order(2)
    void ingestCountsEveryEventAndTheRejectedFrame() throws Exception {
        Map<String, Double> m = scrape(ingest);
        assertThat(m.get("context8_events_total{symbol=\"BTCUSDT\",type=\"trade_tick\"}")).isEqualTo(STEPS);
        assertThat(m.get("context8_events_total{symbol=\"BTCUSDT\",type=\"order_book_deltas\"}")).isEqualTo(STEPS);
        assertThat(m.get("context8_events_total{symbol=\"BTCUSDT\",type=\"order_book_depth\"}")).isGreaterThanOrEqualTo(1);
        assertThat(sumOf(m, "context8_errors_total{component=\"ingest\"")).isEqualTo(1.0);
        assertThat(sumOf(m, "camel_exchanges_total{", "routeId=\"fetch-depth-snapshot\"")).isGreaterThanOrEqualTo(1);
        assertThat(sumOf(m, "camel_exchanges_total{", "routeId=\"publish-ingest-status\"")).isPositive();
        assertThat(keys(m, "camel_exchanges_total{").stream().filter(k -> k.contains("ingest-binance-frames")))
                .as("the per-frame route is left out of the route policy (route-policy-exclude-pattern)").isEmpty();
        assertThat(keys(m, "context8_stream_lag_ms")).as("analytics meters live in the analytics role").isEmpty();
    }

    @Test
    @Order(3)
    void mcpRequestsCacheHitsAndMissesMoveByExactlyTheCallsMade() throws Exception {
        Map<String, Double> before = scrape(mcp);
        for (int i = 0; i < 3; i++) {
            assertThat(callGetReport("BTCUSDT").at("/result/isError").asBoolean()).isFalse();
        }
        assertThat(callGetReport("ETHUSDT").at("/result/isError").asBoolean()).as("no report for ETHUSDT").isTrue();
        Map<String, Double> after = scrape(mcp);
        assertThat(delta(before, after, "context8_mcp_requests_total{method=\"tools/call\",status=\"ok\"}")).isEqualTo(3);
        assertThat(delta(before, after, "context8_mcp_requests_total{method=\"tools/call\",status=\"tool_error\"}")).isEqualTo(1);
        assertThat(delta(before, after, "context8_mcp_request_duration_ms_count{method=\"tools/call\"}")).isEqualTo(4);
        assertThat(keys(after, "context8_mcp_request_duration_ms_bucket{method=\"tools/call\",le=")).as("histogram buckets").isNotEmpty();
        assertThat(delta(before, after, "context8_mcp_cache_hits_total{symbol=\"BTCUSDT\"}")).isEqualTo(3);
        assertThat(delta(before, after, "context8_mcp_cache_misses_total{symbol=\"ETHUSDT\"}")).isEqualTo(1);
        assertThat(sumOf(after, "camel_exchanges_total{", "routeId=\"serve-mcp-http\"")).isGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(4)
    void onceTheFeedStopsLagDropsToZeroAndReportAgeGrows() throws Exception {
        Map<String, Double> m = scrape(analytics);
        assertThat(m.get("context8_calc_latency_ms_count{metric=\"metrics\",symbol=\"BTCUSDT\"}")).isPositive();
        assertThat(m.get("context8_calc_latency_ms_count{metric=\"serialize\",symbol=\"BTCUSDT\"}")).isPositive();
        assertThat(sumOf(m, "camel_exchanges_total{", "routeId=\"publish-market-report\"")).isPositive();
        Awaitility.await("lag 0 and report age over 3 s").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Map<String, Double> s = scrape(analytics);
                    return s.get("context8_stream_lag_ms{symbol=\"BTCUSDT\"}") == 0.0
                            && s.get("context8_report_age_ms{symbol=\"BTCUSDT\"}") > 3000;
                });
        double age1 = scrape(analytics).get("context8_report_age_ms{symbol=\"BTCUSDT\"}");
        Awaitility.await("report age keeps growing").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> scrape(analytics).get("context8_report_age_ms{symbol=\"BTCUSDT\"}") > age1 + 500);
        JsonNode sc = callGetReport("BTCUSDT").at("/result/structuredContent");
        assertThat(sc.at("/ingestion/status").asText()).as("stale data is reported").isNotEqualTo("ok");
    }

    @Test
    @Order(5)
    void logsAreJsonLinesWithPeriodicPerSymbolSummaries() throws Exception {
        for (AppProcess p : List.of(ingest, analytics, mcp)) {
            List<String> lines = Files.readAllLines(p.log()).stream().filter(l -> l.startsWith("{")).toList();
            assertThat(lines).as(p.log().toString()).isNotEmpty();
            for (String l : lines) {
                JsonNode j = JSON.readTree(l);
                assertThat(j.get("timestamp").asText()).as(l).endsWith("Z");
                assertThat(j.has("level") && j.has("component") && j.has("message")).as(l).isTrue();
            }
        }
        Awaitility.await("analytics and ingest summaries").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(summaryLines(analytics, "analytics")).anySatisfy(j -> {
                assertThat(j.get("symbol").asText()).isEqualTo("BTCUSDT");
                assertThat(j.get("lag_ms").isIntegralNumber()).isTrue();
            });
            assertThat(summaryLines(ingest, "ingest")).anySatisfy(j -> assertThat(j.get("events").asLong()).isPositive());
        });
        long lines = Files.readAllLines(analytics.log()).size();
        assertThat(lines).as("no line per event: " + 2 * STEPS + " events").isLessThan(STEPS);
    }

    @Test
    @Order(6)
    void readinessPerRoleAndMcpFollowsRedis() throws Exception {
        JsonNode in = health(ingest, "readiness", 200);
        assertThat(in.at("/components/context8/details/websocket").asText()).isIn("receiving", "silent");
        assertThat(health(analytics, "readiness", 200).at("/components/context8/details/stream_consumer").asText())
                .isEqualTo("started");
        assertThat(health(mcp, "readiness", 200).at("/components/context8/details/report_store").asText())
                .isEqualTo("readable");
        redis.stop();
        Awaitility.await("mcp not ready without Redis").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> status(mcp, "readiness") == 503);
        JsonNode down = health(mcp, "readiness", 503);
        assertThat(down.at("/components/context8/details/report_store").asText()).isEqualTo("unreachable");
        assertThat(status(mcp, "liveness")).as("a Redis outage must not restart the process").isEqualTo(200);
        assertThat(status(analytics, "readiness")).isEqualTo(503);
    }

    // --- helpers ---

    private static Map<String, String> env(Map<String, String> common, String... kv) {
        Map<String, String> m = new HashMap<>(common);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Snapshot first, then every 20 ms one diff (U = u = id) and one trade; one malformed trade in the middle. */
    static Path writeRecording(Path file) throws IOException {
        long t0 = 1_700_000_000_000L;
        try (FrameRecorder r = new FrameRecorder(file)) {
            r.record(t0 * 1_000_000L, "{\"lastUpdateId\":" + SNAPSHOT_ID + ",\"bids\":[[\"100.00000000\",\"1.00000000\"]],"
                    + "\"asks\":[[\"100.50000000\",\"1.00000000\"]]}");
            for (int i = 1; i <= STEPS; i++) {
                long ms = t0 + 20L * i;
                long id = SNAPSHOT_ID + i;
                r.record(ms * 1_000_000L, "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + ms
                        + ",\"s\":\"BTCUSDT\",\"U\":" + id + ",\"u\":" + id + ",\"b\":[[\"99.00000000\",\"" + i
                        + ".00000000\"]],\"a\":[]}}");
                String price = String.format(java.util.Locale.ROOT, "%.8f", 100 + i / 1000.0 - 0.001);
                r.record(ms * 1_000_000L + 1000, "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":" + ms
                        + ",\"s\":\"BTCUSDT\",\"t\":" + i + ",\"p\":\"" + price + "\",\"q\":\"0.01000000\",\"T\":" + ms
                        + ",\"m\":" + (i % 2 == 0) + ",\"M\":true}}");
                if (i == STEPS / 2) {
                    r.record(ms * 1_000_000L + 2000, "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":" + ms
                            + ",\"s\":\"BTCUSDT\",\"t\":999999,\"q\":\"0.01000000\",\"T\":" + ms + ",\"m\":true,\"M\":true}}");
                }
            }
        }
        return file;
    }

    private static JsonNode callGetReport(String symbol) throws Exception {
        return call("get_report", "{\"symbol\":\"" + symbol + "\"}");
    }

    private static JsonNode call(String tool, String arguments) throws Exception {
        return JSON.readTree(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":" + arguments + "}}"));
    }

    private static String post(String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(mcp.baseUrl() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*\\})?) (\\S+)$");

    /** The Prometheus text exposition as sample name with labels -> value. */
    static Map<String, Double> scrape(AppProcess p) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(p.baseUrl() + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Double> m = new HashMap<>();
        for (String line : r.body().split("\n")) {
            Matcher x = SAMPLE.matcher(line);
            if (!line.startsWith("#") && x.matches()) {
                m.put(x.group(1), Double.parseDouble(x.group(2)));
            }
        }
        return m;
    }

    private static List<String> keys(Map<String, Double> m, String prefix) {
        return m.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    private static double sumOf(Map<String, Double> m, String prefix, String... contains) {
        return m.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .filter(e -> List.of(contains).stream().allMatch(e.getKey()::contains))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        assertThat(after).containsKey(key);
        return after.get(key) - before.getOrDefault(key, 0.0);
    }

    private static List<JsonNode> summaryLines(AppProcess p, String component) throws IOException {
        return Files.readAllLines(p.log()).stream().filter(l -> l.startsWith("{")).map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(j -> j.path("component").asText().equals(component) && j.path("message").asText().contains("summary"))
                .toList();
    }

    private static int status(AppProcess p, String probe) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(p.baseUrl() + "/actuator/health/" + probe)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode health(AppProcess p, String probe, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(p.baseUrl() + "/actuator/health/" + probe))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }
}
