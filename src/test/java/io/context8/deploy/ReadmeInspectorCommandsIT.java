package io.context8.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.testsupport.AppProcess;
import io.context8.testsupport.NodeProcess;
import io.context8.testsupport.RedisServerProcess;

/**
 * The README's MCP Inspector commands, as written, against the packaged jar: the two over HTTP against a running
 * context8 and the stdio one, which starts {@code java -jar target/context8.jar --stdio} on that context8's
 * Redis. Only the address, the Redis URL and the jar path are replaced (this test's free ports and absolute
 * path); the commands run in {@code client-tests}, offline, so that npx must find the Inspector version the
 * README names in the committed lock (on Node 20 an unpinned npx would pick 0.15.0, whose CLI does not know
 * {@code --connect-timeout}).
 */
class ReadmeInspectorCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMAND = Pattern.compile("^npx @modelcontextprotocol/inspector@(\\S+) .*");
    private static final String README_URL = "http://127.0.0.1:8080";
    private static final String README_REDIS = "redis://127.0.0.1:6380";
    private static final String README_JAR = "target/context8.jar";

    @TempDir
    Path tmp;

    @Test
    void everyInspectorCommandOfTheReadmeWorksAsWritten() throws Exception {
        NodeProcess.requireClients();
        List<String> commands = readmeInspectorCommands();
        assertThat(commands).as("README's headless Inspector commands").hasSize(3);
        String pinned = JSON.readTree(NodeProcess.CLIENT_TESTS.resolve("package.json").toFile())
                .at("/dependencies/@modelcontextprotocol~1inspector").asText();
        for (String c : commands) {
            Matcher m = COMMAND.matcher(c);
            assertThat(m.matches()).as(c).isTrue();
            assertThat(m.group(1)).as("the README names the version client-tests pins: " + c).isEqualTo(pinned);
        }

        RedisServerProcess redis = RedisServerProcess.start();
        try (AppProcess app = AppProcess.start("readme-inspector", Map.of(
                "REDIS_URL", redis.url(),
                "CONTEXT8_SOURCE", "replay",
                "CONTEXT8_REPLAY_FILES", SplitDeploymentIT.writeRecording(tmp.resolve("readme.gz")).toString(),
                "CONTEXT8_REPLAY_PORT", String.valueOf(AppProcess.freePort()),
                "CONTEXT8_SYMBOLS", "BTCUSDT"))) {
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await("a synced report").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create(app.baseUrl() + "/get_report?symbol=BTCUSDT")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 200 && r.body().contains("\"synced\"");
                    });

            JsonNode list = run(commands.get(0), app, redis);
            assertThat(list.get("tools").findValuesAsText("name")).contains("get_report", "list_symbols");

            JsonNode report = run(commands.get(1), app, redis);
            assertThat(report.at("/structuredContent/symbol").asText()).isEqualTo("BTCUSDT");
            assertThat(report.at("/structuredContent/book/state").asText()).isEqualTo("synced");

            assertThat(commands.get(2)).contains("--connect-timeout", "--stdio", README_REDIS);
            JsonNode symbols = run(commands.get(2), app, redis);
            assertThat(symbols.at("/structuredContent/symbols").findValuesAsText("symbol"))
                    .as("the stdio process lists what analytics reports in the shared Redis").containsExactly("BTCUSDT");
        } finally {
            redis.stop();
        }
    }

    /** Runs one README command with this test's address, Redis and jar; its stdout as JSON. */
    private JsonNode run(String command, AppProcess app, RedisServerProcess redis) throws Exception {
        String concrete = command.replace(README_URL, app.baseUrl()).replace(README_REDIS, redis.url())
                .replace(README_JAR, Path.of(README_JAR).toAbsolutePath().toString());
        List<String> argv = new ArrayList<>(Arrays.asList(concrete.trim().split("\\s+")));
        Path home = Files.createDirectories(tmp.resolve("home"));
        NodeProcess.Result r = NodeProcess.run(Duration.ofMinutes(3), Map.of(
                "npm_config_offline", "true", "npm_config_update_notifier", "false", "NO_UPDATE_NOTIFIER", "1",
                "HOME", home.toString(), "MCP_CATALOG_PATH", home.resolve("mcp.json").toString()), argv);
        assertThat(r.exitCode()).as(concrete + "\n" + r).isZero();
        System.out.println("ReadmeInspectorCommandsIT ran: " + concrete);
        return JSON.readTree(r.stdout());
    }

    /** The README's lines that run the Inspector CLI, continuation lines joined. */
    static List<String> readmeInspectorCommands() throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (current == null && line.startsWith("npx @modelcontextprotocol/inspector@") && line.contains("--cli")) {
                current = new StringBuilder();
            }
            if (current != null) {
                boolean continues = line.endsWith("\\");
                current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continues) {
                    out.add(current.toString().trim().replaceAll("\\s+", " "));
                    current = null;
                }
            }
        }
        return out;
    }
}
