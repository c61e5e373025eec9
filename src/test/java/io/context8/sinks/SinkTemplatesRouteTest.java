package io.context8.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The sink templates (src/main/resources/routes/analytics-sink-templates.camel.yaml) instantiated by the example
 * files (examples/routes/), edited the way a user edits them (directory, URL), in a plain CamelContext with the
 * YAML DSL, fed through {@link ReportTap} as the step {@code announce-report} does after the SETEX (the report in
 * {@code CamelRedis.Value}, the body whatever the Redis step left). Webhooks are a local HTTP server.
 */
class SinkTemplatesRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private DefaultCamelContext camel;
    private SimpleMeterRegistry meters;
    private ReportTap tap;
    private WebhookServer hook;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        meters = new SimpleMeterRegistry();
        tap = new ReportTap(meters);
        camel.getRegistry().bind("reportTap", tap);
        tap.setCamelContext(camel);
        load("file:src/main/resources/routes/analytics-sink-templates.camel.yaml");
        hook = new WebhookServer();
    }

    @AfterEach
    void stop() {
        hook.close();
        camel.stop();
    }

    @Test
    void fileSinkWritesOneLinePerReportInOrder() throws Exception {
        loadExample("analytics-report-file.camel.yaml", "value: reports", "value: " + dir.resolve("out"));
        camel.start();
        assertThat(tap.sinkNames()).containsExactly("file");
        for (int i = 0; i < 300; i++) {
            announce(i % 2 == 0 ? "BTCUSDT" : "ETHUSDT", i, List.of());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lines(dir.resolve("out")).size() == 300);
        List<String> lines = lines(dir.resolve("out"));
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                    .matches("reports-\\d{4}-\\d{2}-\\d{2}\\.jsonl");
        }
        for (int i = 0; i < 300; i++) {
            assertThat(JSON.readTree(lines.get(i)).get("seq").asInt()).as("line " + i).isEqualTo(i);
        }
    }

    @Test
    void fileSinkRollsBySizeAndKeepsOrderAcrossFiles() throws Exception {
        Path out = dir.resolve("rolled");
        loadTemplated("analytics-rolled.camel.yaml", "report-to-file", "write-rolled-report-file",
                "sink", "rolled", "directory", out.toString(), "roll", "size", "maxBytes", "1000");
        camel.start();
        for (int i = 0; i < 100; i++) {
            announce("BTCUSDT", i, List.of());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lines(out).size() == 100);
        List<Path> files = files(out);
        assertThat(files).hasSizeGreaterThan(3);
        for (int n = 0; n < files.size(); n++) {
            assertThat(files.get(n).getFileName().toString()).isEqualTo("reports-" + (n + 1) + ".jsonl");
            assertThat(Files.size(files.get(n))).isLessThanOrEqualTo(1000);
        }
        List<String> lines = lines(out);
        for (int i = 0; i < 100; i++) {
            assertThat(JSON.readTree(lines.get(i)).get("seq").asInt()).isEqualTo(i);
        }
    }

    @Test
    void webhookPostsTheFirstAndEveryNthReportOfEachSymbol() throws Exception {
        loadExample("analytics-report-webhook.camel.yaml", "http://127.0.0.1:9000/reports", hook.url("/reports"));
        camel.start();
        for (int i = 0; i < 50; i++) {
            announce(i % 2 == 0 ? "BTCUSDT" : "ETHUSDT", i, List.of()); // 25 each: their 1st, 11th and 21st
        }
        announce("MARKER", 999, List.of()); // a symbol's first report is always posted, and the queue keeps order
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.received.size() == 7);
        assertThat(seqs(hook.received)).containsExactly(0, 1, 20, 21, 40, 41, 999);
    }

    @Test
    void webhookRetriesAreBoundedAndKeepTheOrder() throws Exception {
        loadExample("analytics-report-webhook.camel.yaml", "http://127.0.0.1:9000/reports", hook.url("/reports"),
                "value: \"10\"", "value: \"1\"", "value: \"1000\"", "value: \"5\"");
        camel.start();
        hook.status(n -> 500);
        announce("BTCUSDT", 0, List.of());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.find("context8.report.sink.failures").tag("sink", "webhook").counter() != null
                        && meters.get("context8.report.sink.failures").tag("sink", "webhook").counter().count() == 1);
        assertThat(seqs(hook.received)).as("1 attempt + maxRetries 3").containsExactly(0, 0, 0, 0);

        // every other attempt fails: each report is retried once and they still arrive in order
        hook.status(n -> n % 2 == 0 ? 500 : 200);
        hook.received.clear();
        for (int i = 1; i <= 5; i++) {
            announce("BTCUSDT", i, List.of());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.received.size() == 10);
        assertThat(seqs(hook.received)).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        assertThat(meters.get("context8.report.sink.failures").tag("sink", "webhook").counter().count()).isEqualTo(1);
    }

    @Test
    void hungWebhookDropsWhatDoesNotFitAndNeverBlocksTheAnalyticsChain() throws Exception {
        loadTemplated("analytics-hung.camel.yaml", "report-to-webhook", "post-hung-webhook",
                "sink", "hung", "url", hook.url("/hung"), "queueSize", "5", "timeout", "120000");
        camel.start();
        hook.hang();
        announce("BTCUSDT", 0, List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.received.size() == 1); // the sink now waits
        assertThat(tap.drops("hung")).isZero();

        // the analytics side: 40 more reports, each handed over without waiting for the hung webhook
        CompletableFuture<Void> analytics = CompletableFuture.runAsync(() -> {
            for (int i = 1; i <= 40; i++) {
                announce("BTCUSDT", i, List.of());
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(analytics::isDone);
        analytics.get();
        assertThat(hook.received).hasSize(1);
        assertThat(tap.drops("hung")).as("40 offered, 5 fit the queue").isEqualTo(35);
        assertThat(meters.get("context8.report.sink.drops").tag("sink", "hung").counter().count()).isEqualTo(35);

        hook.release();
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.received.size() == 6);
        assertThat(seqs(hook.received)).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void alertIsPostedOncePerOnsetAndOncePerEnd() throws Exception {
        loadExample("analytics-anomaly-alerts.camel.yaml", "http://127.0.0.1:9000/alerts", hook.url("/alerts"));
        camel.start();
        announce("BTCUSDT", 0, List.of());
        announce("BTCUSDT", 1, List.of(anomaly("spoofing", "medium")));      // start spoofing
        announce("ETHUSDT", 2, List.of());                                     // other symbol: nothing
        announce("BTCUSDT", 3, List.of(anomaly("spoofing", "high")));        // still on: nothing
        announce("BTCUSDT", 4, List.of(anomaly("spoofing", "medium")));      // still on: nothing
        announce("BTCUSDT", 5, List.of(anomaly("spoofing", "low")));         // below medium: end spoofing
        announce("BTCUSDT", 6, List.of(anomaly("iceberg", "high")));         // start iceberg
        announce("BTCUSDT", 7, null);                                          // no anomalies section: nothing
        announce("BTCUSDT", 8, List.of(anomaly("iceberg", "high")));         // still on: nothing
        announce("BTCUSDT", 9, List.of());                                     // end iceberg
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.received.size() >= 4);
        announce("MARKER", 10, List.of(anomaly("flash_crash_risk", "high"))); // start: the last alert expected
        await().atMost(Duration.ofSeconds(20)).until(() -> hook.received.size() >= 5);

        List<String> got = new ArrayList<>();
        for (String body : hook.received) {
            JsonNode a = JSON.readTree(body);
            got.add(a.get("event").asText() + " " + a.get("symbol").asText() + " " + a.get("type").asText() + " "
                    + a.get("severity").asText() + " " + a.get("report_time").asText());
        }
        assertThat(got).containsExactly(
                "start BTCUSDT spoofing medium t1",
                "end BTCUSDT spoofing medium t5",
                "start BTCUSDT iceberg high t6",
                "end BTCUSDT iceberg high t9",
                "start MARKER flash_crash_risk high t10");
        JsonNode first = JSON.readTree(hook.received.get(0));
        assertThat(first.get("note").asText()).isEqualTo("spoofing note");
        assertThat(first.get("evidence").get("cancels").asInt()).isEqualTo(7);
        assertThat(first.get("market_time").asText()).isEqualTo("m1");
    }

    @Test
    void aSinkAddedOrRemovedAtRunTimeIsFollowedWithoutRestart() throws Exception {
        camel.start();
        assertThat(tap.sinkNames()).isEmpty();
        announce("BTCUSDT", 0, List.of()); // no sink: nothing to do

        loadExample("analytics-report-file.camel.yaml", "value: reports", "value: " + dir.resolve("late"));
        await().atMost(Duration.ofSeconds(20)).until(() -> tap.sinkNames().equals(List.of("file")));
        announce("BTCUSDT", 1, List.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> lines(dir.resolve("late")).size() == 1);

        camel.getRouteController().stopRoute("write-report-file");
        camel.removeRoute("write-report-file");
        await().atMost(Duration.ofSeconds(20)).until(() -> tap.sinkNames().isEmpty());
        announce("BTCUSDT", 2, List.of());
        assertThat(tap.drops("file")).isZero();
        assertThat(lines(dir.resolve("late"))).hasSize(1);
    }

    @Test
    void webhookThatDoesNotAnswerInTimeIsRetriedBoundedThenDeadLettered() throws Exception {
        loadTemplated("analytics-slow.camel.yaml", "report-to-webhook", "post-slow-webhook",
                "sink", "slow", "url", hook.url("/slow"), "timeout", "300", "maxRetries", "1", "retryDelay", "0");
        camel.start();
        hook.hang();
        announce("BTCUSDT", 0, List.of());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.find("context8.report.sink.failures").tag("sink", "slow").counter() != null);
        assertThat(seqs(hook.received)).as("1 attempt + 1 retry, each timed out").containsExactly(0, 0);
    }

    @Test
    void docsListEveryTemplateParameterWithItsDefault() throws Exception {
        Map<String, Map<String, String>> documented = new TreeMap<>();
        String template = null;
        for (String line : Files.readAllLines(Path.of("docs", "routes.md"))) {
            Matcher heading = Pattern.compile("^### `([a-z-]+)`$").matcher(line);
            Matcher row = Pattern.compile("^\\| `(\\w+)` \\| ([^|]+) \\|.*").matcher(line);
            if (heading.matches()) {
                template = heading.group(1);
                documented.put(template, new TreeMap<>());
            } else if (template != null && row.matches()) {
                String d = row.group(2).trim();
                documented.get(template).put(row.group(1), d.equals("(required)") ? "" : d.replace("`", ""));
            } else if (line.startsWith("## ")) {
                template = null;
            }
        }
        Map<String, Map<String, String>> loaded = new TreeMap<>();
        for (RouteTemplateDefinition t : camel.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteTemplateDefinitions()) {
            Map<String, String> params = new TreeMap<>();
            for (RouteTemplateParameterDefinition p : t.getTemplateParameters()) {
                assertThat(p.getDescription()).as(t.getId() + " " + p.getName()).isNotBlank();
                params.put(p.getName(), p.getDefaultValue() == null ? "" : p.getDefaultValue());
            }
            loaded.put(t.getId(), params);
        }
        assertThat(loaded.keySet()).containsExactly("anomaly-alert-webhook", "report-to-file", "report-to-webhook");
        assertThat(documented).isEqualTo(loaded);
    }

    private void announce(String symbol, int seq, List<String> anomalies) {
        StringBuilder report = new StringBuilder("{\"symbol\":\"" + symbol + "\",\"seq\":" + seq
                + ",\"market_time\":\"m" + seq + "\",\"timestamps\":{\"generated_at\":\"t" + seq + "\"}");
        if (anomalies != null) {
            report.append(",\"anomalies\":[").append(String.join(",", anomalies)).append(']');
        }
        report.append('}');
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("CamelRedis.Value", report.toString());
        exchange.getMessage().setHeader(ReportTap.SYMBOL_HEADER, symbol);
        exchange.getMessage().setBody(null); // what the SETEX step may leave
        tap.announce(exchange);
    }

    private static String anomaly(String type, String severity) {
        return "{\"type\":\"" + type + "\",\"severity\":\"" + severity + "\",\"note\":\"" + type
                + " note\",\"evidence\":{\"cancels\":7}}";
    }

    private static List<Integer> seqs(List<String> bodies) throws IOException {
        List<Integer> out = new ArrayList<>();
        for (String b : bodies) {
            out.add(JSON.readTree(b).get("seq").asInt());
        }
        return out;
    }

    private static List<Path> files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted((a, b) -> Integer.compare(index(a), index(b))).toList();
        }
    }

    private static int index(Path p) {
        String n = p.getFileName().toString().replaceAll("\\D", "");
        return n.isEmpty() ? 0 : Integer.parseInt(n.length() > 9 ? n.substring(0, 9) : n);
    }

    private static List<String> lines(Path directory) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files(directory)) {
            for (String line : Files.readAllLines(f)) {
                out.add(line);
            }
        }
        return out;
    }

    /** Copies an example into the routes folder with the user's edits (pairs of old, new text) and loads it. */
    private void loadExample(String name, String... edits) throws Exception {
        String text = Files.readString(Path.of("examples", "routes", name));
        for (int i = 0; i < edits.length; i += 2) {
            assertThat(text).as(name + " contains " + edits[i]).contains(edits[i]);
            text = text.replace(edits[i], edits[i + 1]);
        }
        loadYaml(name, text);
    }

    /** A route file with one templatedRoute of {@code template} and the parameters (pairs of name, value). */
    private void loadTemplated(String name, String template, String routeId, String... parameters) throws Exception {
        StringBuilder yaml = new StringBuilder("- templatedRoute:\n    routeTemplateRef: " + template
                + "\n    routeId: " + routeId + "\n    parameters:\n");
        for (int i = 0; i < parameters.length; i += 2) {
            yaml.append("      - {name: ").append(parameters[i]).append(", value: \"").append(parameters[i + 1])
                    .append("\"}\n");
        }
        loadYaml(name, yaml.toString());
    }

    private void loadYaml(String name, String yaml) throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Path file = routes.resolve(name);
        Files.writeString(file, yaml);
        load("file:" + file);
    }

    private void load(String location) throws Exception {
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, location));
    }
}
