package io.context8.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.testsupport.AppProcess;
import io.context8.testsupport.RedisServerProcess;
import io.context8.testsupport.SharedData;

/**
 * Redis stopped for 10 s in the middle of a replay (10x real time, all roles in one process) and started
 * again on the same port, empty (no persistence, as a crashed cache would come back): the process stays up,
 * {@code /get_report} answers {@code backend_unavailable} throughout, and afterwards the consumer group is
 * re-created, ingest fetches a fresh snapshot, and reports resume with a synced book. The answer times during
 * the outage are printed, not asserted (they depend on the machine's load); their target, 150 ms, is checked by
 * {@code bench/redis-outage.sh} (docs/benchmarks.md).
 */
@EnabledIf(value = "io.context8.testsupport.SharedData#recordingsPresent",
        disabledReason = "real Binance recordings not found (../shared/data/binance or $CONTEXT8_DATA_DIR)")
class RedisOutageIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern XADD_FAILED =
            Pattern.compile("context8_errors_total\\{component=\"stream\",[^}]*type=\"xadd_failed\"[^}]*} ([0-9.E]+)");

    @Test
    void aTenSecondOutageIsSurvivedAndEverythingResumesByItself() throws Exception {
        RedisServerProcess redis = RedisServerProcess.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (AppProcess app = AppProcess.start("redis-outage", Map.of(
                "REDIS_URL", redis.url(),
                "CONTEXT8_SOURCE", "replay",
                "CONTEXT8_REPLAY_PORT", String.valueOf(AppProcess.freePort()),
                "CONTEXT8_REPLAY_FILES", SharedData.recording2024a() + "," + SharedData.recording2024b(),
                "CONTEXT8_REPLAY_SPEED", "10",
                "CONTEXT8_SYMBOLS", "BTCUSDT"))) {
            String url = app.baseUrl() + "/get_report?symbol=BTCUSDT";
            JsonNode before = Awaitility.await("a synced report").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> report(http, url),
                            r -> r != null && "synced".equals(r.at("/book/state").asText()));
            long idBefore = before.at("/book/update_id").asLong();

            int logBefore = app.logText().length();
            redis.stop();
            List<Long> latenciesMs = new ArrayList<>();
            List<String> answers = new ArrayList<>();
            long outageStart = System.nanoTime();
            // one request every 100 ms for 10 s (Awaitility paces the loop)
            Awaitility.await("10 s of requests during the outage").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        latenciesMs.add((System.nanoTime() - t0) / 1_000_000);
                        answers.add(r.statusCode() + " " + MAPPER.readTree(r.body()).path("error").asText());
                        return System.nanoTime() - outageStart >= Duration.ofSeconds(10).toNanos();
                    });
            assertThat(app.isAlive()).as("no role exits during the outage").isTrue();
            List<String> outageLog = app.logText().substring(logBefore).lines().toList();
            redis = RedisServerProcess.startOn(redis.port());

            JsonNode after = Awaitility.await("reports resume with a synced book").atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(200)).until(() -> report(http, url),
                            r -> r != null && "synced".equals(r.at("/book/state").asText())
                                    && r.at("/book/update_id").asLong() > idBefore);
            long slowest = latenciesMs.stream().mapToLong(Long::longValue).max().orElse(0);
            String metrics = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = XADD_FAILED.matcher(metrics);
            double lost = m.find() ? Double.parseDouble(m.group(1)) : 0;
            System.out.printf("RedisOutageIT: %d requests during the outage, slowest %d ms, answers %s; "
                    + "events lost with the outage (failed XADDs): %.0f; book %d -> %d%n", latenciesMs.size(),
                    slowest, new java.util.TreeSet<>(answers), lost, idBefore, after.at("/book/update_id").asLong());
            System.out.println("RedisOutageIT latencies ms in order: " + latenciesMs);
            System.out.printf("RedisOutageIT: slowest answer during the outage %d ms (target 150 ms: bench/redis-outage.sh)%n",
                    slowest);
            List<String> warnings = outageLog.stream().filter(l -> l.contains("\"level\":\"WARN\"")).toList();
            List<String> errors = outageLog.stream().filter(l -> l.contains("\"level\":\"ERROR\"")).toList();
            List<String> traces = outageLog.stream().filter(l -> l.contains("\"exception\":")).toList();
            System.out.printf("RedisOutageIT: log during the outage: %d lines, %d WARN, %d ERROR, %d with a stack trace%n",
                    outageLog.size(), warnings.size(), errors.size(), traces.size());
            warnings.stream().limit(40).forEach(l -> System.out.println("RedisOutageIT warn: "
                    + l.replaceAll(".*\"logger\":\"([^\"]*)\".*\"message\":\"([^\"]{0,160}).*", "$1: $2")));
            assertThat(answers).as("every request during the outage").allMatch(a -> a.equals("503 backend_unavailable"));
            // a failure repeated every second or every frame is logged once per back-off step (FailureLog), never
            // as an ERROR with a stack trace per request, tick or frame
            assertThat(errors).as("ERROR lines while Redis was down").isEmpty();
            assertThat(traces).as("stack traces while Redis was down").isEmpty();
            assertThat(warnings.size()).as("WARN lines in 10 s of outage").isLessThanOrEqualTo(60);
            assertThat(app.isAlive()).isTrue();
            assertThat(app.logText().split("Created consumer group context8 on stream", -1))
                    .as("analytics' group created at start and again after")
                    .hasSize(3);
        } finally {
            redis.stop();
        }
    }

    private static JsonNode report(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? MAPPER.readTree(r.body()) : null;
    }
}
