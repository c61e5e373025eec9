package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.testsupport.AppProcess;

/**
 * The zero-configuration start (embedded Redis, every role) in replay mode on a small generated recording, then
 * SIGTERM: the process exits cleanly (0, or 143 = killed by SIGTERM after Spring's shutdown hook ran), no WARN or
 * ERROR line and no stack trace after the SIGTERM, and no failed market-data pipeline. Before, each stop logged
 * errors and traces (the embedded Redis was stopped by its own JVM hook while the routes still ran). The stop time
 * and the start's WARN/ERROR lines are printed: on a machine saturated by other builds, reads held to the serving
 * path's 100 ms timeout (the Redis health check, the MCP warm-up) still time out during the start.
 */
class CleanStartStopIT {

    @TempDir
    Path tmp;

    @Test
    void aCleanStartAndStopLogNoWarningOrError() throws Exception {
        Path recording = ReplayFixtures.write(tmp.resolve("btcusdt.gz"), ReplayFixtures.fileA());
        AppProcess app = AppProcess.start("clean-start-stop", Map.of("CONTEXT8_SOURCE", "replay",
                "CONTEXT8_REPLAY_FILES", recording.toString(), "CONTEXT8_REPLAY_SPEED", "1",
                "CONTEXT8_REPLAY_PORT", String.valueOf(AppProcess.freePort()), "CONTEXT8_SYMBOLS", "BTCUSDT",
                "CONTEXT8_OBSERVABILITY_LOG_FORMAT", "text"));
        // a start that ran: reports served for a while (a stop within Camel's first second logs Camel's own
        // "only been running for less than a second" WARN, which is not what this test looks for)
        java.time.Instant first = Awaitility.await("a report served").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> generatedAt(app), java.util.Objects::nonNull);
        Awaitility.await("reports for a while").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> generatedAt(app), t -> t != null && t.isAfter(first.plusMillis(1500)));
        long t0 = System.nanoTime();
        int exit = app.terminate();
        double stopSeconds = (System.nanoTime() - t0) / 1e9;
        String log = app.logText();
        int stop = log.indexOf("Commencing graceful shutdown");
        assertThat(stop).as("Spring's shutdown ran; log: " + app.log()).isNotNegative();
        List<String> atStart = problems(log.substring(0, stop));
        List<String> atStop = problems(log.substring(stop));
        System.out.printf("ready after %.1f s; SIGTERM to exit %.2f s, exit status %d; WARN/ERROR/trace lines: %d at"
                + " start, %d at stop%n", app.secondsToReady(), stopSeconds, exit, atStart.size(), atStop.size());
        atStart.stream().filter(l -> !l.startsWith("\tat ")).limit(10).forEach(l -> System.out.println("start: " + l));
        atStop.stream().limit(20).forEach(l -> System.out.println("stop: " + l));
        assertThat(exit).as("exit status; log: " + app.log()).isIn(0, 143);
        assertThat(atStop).as("WARN, ERROR and stack-trace lines after SIGTERM in " + app.log()).isEmpty();
        assertThat(log).as("the first market-data pipeline").doesNotContain("Market data not written");
    }

    /** generated_at of the served BTCUSDT report, or null while there is none. */
    private static java.time.Instant generatedAt(AppProcess app) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.baseUrl() + "/get_report?symbol=BTCUSDT")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return null;
        }
        String at = new ObjectMapper().readTree(r.body()).at("/timestamps/generated_at").asText(null);
        return at == null ? null : java.time.Instant.parse(at);
    }

    private static List<String> problems(String log) {
        return log.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.startsWith("\tat ")).toList();
    }
}
