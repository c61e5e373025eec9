package io.context8.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.context8.analytics.SyntheticMarket;
import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.AppProcess;
import io.context8.testsupport.RedisServerProcess;
import io.context8.testsupport.SharedData;
import io.context8.testsupport.TempFiles;

/**
 * The routes folder as an operator uses it, on the packaged jar replaying the real BTCUSDT recordings (looped,
 * 10x) with {@code CONTEXT8_ROUTES_DIR} and {@code CONTEXT8_ROUTES_RELOAD=true}, never restarted:
 * <ol>
 *   <li>the built-in routes are exported to the folder and the app starts from it;</li>
 *   <li>a file with a file sink and an alert webhook (severity low and up, to a local HTTP server) is written: reports
 *       appear in the sink's file and alerts at the server, without a restart and without a new websocket
 *       connection (no new REST snapshot);</li>
 *   <li>a broken file is written: rejected with one WARN line naming it, counted, and the reports keep flowing;</li>
 *   <li>the step measure-profile is deleted from analytics-reports.camel.yaml (the README's {@code sed}): the next
 *       reports have {@code liquidity.profile} null and {@code not_computed: ["profile"]}, every other section
 *       still there;</li>
 *   <li>a spoofing pattern (a 40 lot placed and pulled 15 times in 45 s) is injected into the stream as a second
 *       symbol, SPOOFUSDT, beside the recording;</li>
 *   <li>every anomaly onset in the sink's reports (the recording's icebergs and flash-crash risks, the injected
 *       spoofing) reached the webhook exactly once as a {@code start}, and no {@code start} came without an
 *       onset.</li>
 * </ol>
 */
class RoutesFolderReloadIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void exportAddSinkAndAlertsBreakAFileDropAStepWithoutARestart() throws Exception {
        Path a = SharedData.recording2024a();
        Path b = SharedData.recording2024b();
        Path routes = tmp.resolve("routes");
        assertThat(RouteExport.export(routes, false, new PrintStream(PrintStream.nullOutputStream()), System.err))
                .isZero();
        Path out = tmp.resolve("reports");
        List<JsonNode> alerts = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        hook.createContext("/alerts", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            alerts.add(JSON.readTree(body));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        RedisServerProcess redis = RedisServerProcess.start();
        try (AppProcess app = AppProcess.start("routes-folder-reload", Map.of("REDIS_URL", redis.url(),
                "CONTEXT8_SOURCE", "replay",
                "CONTEXT8_REPLAY_FILES", a + "," + b, "CONTEXT8_REPLAY_SPEED", "10", "CONTEXT8_REPLAY_LOOP", "true",
                "CONTEXT8_REPLAY_PORT", String.valueOf(AppProcess.freePort()), "CONTEXT8_SYMBOLS", "BTCUSDT,SPOOFUSDT",
                "CONTEXT8_ROUTES_DIR", routes.toString(), "CONTEXT8_ROUTES_RELOAD", "true",
                "CONTEXT8_OBSERVABILITY_LOG_FORMAT", "text"))) {
            Awaitility.await("a synced report").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> report(app), r -> r != null && r.at("/book/in_sync").asBoolean());
            double snapshots = metric(app, "context8_events_total", "type=\"order_book_depth\"");

            // 2. a sink and an alert webhook in one file, written while the app runs
            Files.writeString(routes.resolve("analytics-operator-sinks.camel.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: report-to-file
                        routeId: write-report-file
                        parameters:
                          - {name: sink, value: file}
                          - {name: directory, value: "%s"}
                    - templatedRoute:
                        routeTemplateRef: anomaly-alert-webhook
                        routeId: post-anomaly-alerts
                        parameters:
                          - {name: sink, value: alerts}
                          - {name: url, value: "http://127.0.0.1:%d/alerts"}
                          - {name: minSeverity, value: low}
                    """.formatted(out, hook.getAddress().getPort()));
            Awaitility.await("reports in the sink's file").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> lines(out).size() >= 20);

            // the injected spoofing: a generated SPOOFUSDT market appended to the stream as ingest would
            injectSpoofing(redis);

            // 3. a broken file: rejected, counted, the reports keep flowing
            Path broken = routes.resolve("analytics-broken.camel.yaml");
            Files.writeString(broken, "- route:\n    id: broken-route\n    from: {uri: \"timer:x\"\n");
            Awaitility.await("the rejection").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> metric(app, "context8_route_reloads_total", "result=\"rejected\"") >= 1);
            int afterBreak = lines(out).size();
            Awaitility.await("reports after the rejection").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> lines(out).size() >= afterBreak + 20);
            List<String> rejections = app.logText().lines()
                    .filter(l -> l.contains("analytics-broken.camel.yaml") && l.contains(" WARN ")).toList();
            assertThat(rejections).as("one WARN line naming the file").hasSize(1);
            assertThat(app.logText()).as("no stack trace").doesNotContain("\tat org.apache.camel");

            // 4. drop a metric step, as the README says
            Process sed = new ProcessBuilder("sed", "-i", "/id: measure-profile,/d",
                    "routes/analytics-reports.camel.yaml").directory(tmp.toFile()).inheritIO().start();
            assertThat(sed.waitFor()).isZero();
            JsonNode dropped = Awaitility.await("a report without the profile").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> lastLine(out),
                            r -> r != null && r.path("not_computed").toString().equals("[\"profile\"]"));
            assertThat(dropped.at("/liquidity/profile").isNull()).isTrue();
            assertThat(dropped.at("/liquidity/walls").isArray()).isTrue();
            assertThat(dropped.at("/liquidity/bands").isObject()).isTrue();
            assertThat(dropped.at("/flow").isObject()).isTrue();
            assertThat(dropped.at("/health/score").isNumber()).isTrue();
            assertThat(dropped.at("/health/lacking")).isEmpty();

            // let the alerts run a while, then compare them with the onsets in the sink's reports
            Awaitility.await("an alert").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !alerts.isEmpty());
            int settled = lines(out).size();
            // about 40 s more of reports (4 minutes of the recording's market at 10x) for more onsets
            Awaitility.await("more reports").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> lines(out).size() >= settled + 400);
            assertThat(metric(app, "context8_events_total", "type=\"order_book_depth\""))
                    .as("no new REST snapshot: the websocket did not reconnect").isEqualTo(snapshots);
            assertThat(app.isAlive()).isTrue();
            app.terminate();
        } finally {
            hook.stop(0);
            redis.stop();
        }
        List<JsonNode> reports = new ArrayList<>();
        for (String l : lines(out)) {
            reports.add(JSON.readTree(l));
        }
        TreeSet<String> onsets = onsets(reports);
        // the window both sinks saw whole: from the sink file's 6th report to 50 reports before its end (alerts of
        // the last reports may still have been queued at the stop)
        String firstSeen = reports.get(5).at("/timestamps/generated_at").asText();
        String lastSeen = reports.get(reports.size() - 50).at("/timestamps/generated_at").asText();
        TreeSet<String> starts = new TreeSet<>();
        for (JsonNode alert : alerts) {
            String t = alert.path("report_time").asText();
            if ("start".equals(alert.path("event").asText()) && t.compareTo(firstSeen) > 0 && t.compareTo(lastSeen) <= 0) {
                assertThat(starts.add(alert.path("symbol").asText() + " " + alert.path("type").asText() + "@" + t))
                        .as("a start sent once").isTrue();
            }
        }
        onsets.removeIf(o -> o.substring(o.indexOf('@') + 1).compareTo(firstSeen) <= 0
                || o.substring(o.indexOf('@') + 1).compareTo(lastSeen) > 0);
        System.out.printf("RoutesFolderReloadIT: %d reports in the sink, %d alerts (%d starts in the window), onsets %s%n",
                reports.size(), alerts.size(), starts.size(), onsets);
        assertThat(onsets).as("onsets in the window").isNotEmpty();
        assertThat(onsets).as("the injected spoofing").anyMatch(o -> o.startsWith("SPOOFUSDT spoofing@"));
        assertThat(starts).isEqualTo(onsets);
    }

    /**
     * {@code symbol type@generated_at} of each report where an anomaly type appears after a report of the same symbol
     * without it.
     */
    private static TreeSet<String> onsets(List<JsonNode> reports) {
        TreeSet<String> out = new TreeSet<>();
        Map<String, Boolean> active = new HashMap<>();
        for (JsonNode r : reports) {
            if (!r.path("anomalies").isArray()) {
                continue;
            }
            String symbol = r.path("symbol").asText();
            Map<String, Boolean> now = new HashMap<>();
            for (JsonNode an : r.get("anomalies")) {
                now.put(an.path("type").asText(), true);
            }
            for (String type : List.of("spoofing", "iceberg", "flash_crash_risk")) {
                boolean on = now.containsKey(type);
                String key = symbol + " " + type;
                if (on && !active.getOrDefault(key, false)) {
                    out.add(key + "@" + r.at("/timestamps/generated_at").asText());
                }
                active.put(key, on);
            }
        }
        return out;
    }

    /** SPOOFUSDT: a calm market, then a 40 lot 150 bps below mid placed and pulled 15 times in 45 s (recent times). */
    private static void injectSpoofing(RedisServerProcess redis) {
        SyntheticMarket m = new SyntheticMarket("SPOOFUSDT", 2, System.currentTimeMillis() - 120_000).snapshot(60)
                .calm(10_000);
        for (int i = 0; i < 15; i++) {
            m.calm(2_000).diff("[[\"98.50\",\"40\"]]", "[]").calm(1_000).diff("[[\"98.50\",\"0\"]]", "[]");
        }
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.url());
        try (var c = client.connect()) {
            for (StreamEntry e : m.out) {
                c.sync().xadd("nt:binance", Map.of(RedisStreamConstants.FIELD_EVENT, e.field(RedisStreamConstants.FIELD_EVENT)));
            }
        } finally {
            client.shutdown();
        }
    }

    private static JsonNode report(AppProcess app) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.baseUrl() + "/get_report?symbol=BTCUSDT")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    /** The sum of a Prometheus metric's samples whose labels contain {@code label}; 0 when none. */
    private static double metric(AppProcess app, String name, String label) throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.baseUrl() + "/actuator/prometheus")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        Matcher m = Pattern.compile("^" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(text);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private static List<String> lines(Path dir) throws IOException {
        return TempFiles.lines(dir);
    }

    /** The newest complete line of the sink (the last one may be half written). */
    private static JsonNode lastLine(Path dir) throws IOException {
        List<String> l = lines(dir);
        for (int i = l.size() - 1; i >= Math.max(0, l.size() - 2); i--) {
            try {
                return JSON.readTree(l.get(i));
            } catch (IOException e) {
                // half written: the one before
            }
        }
        return null;
    }
}
