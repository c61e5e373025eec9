package io.context8.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLog;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.DynamicPropertySource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.context8.config.Context8EnvironmentPostProcessor;
import io.context8.redis.RedisStreamConstants;
import io.context8.sinks.ReportTap;
import io.context8.testsupport.RedisServerProcess;
import io.context8.testsupport.TempFiles;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Live reload of a routes folder ({@code CONTEXT8_ROUTES_RELOAD=true}), ingest and analytics roles (no Binance
 * here: the websocket route retries in the background), a real redis-server: the
 * built-in routes exported to a temporary folder plus small files of a user (a timer writing a constant to a
 * {@code seda:} queue each). An edited file restarts only its own routes (the built-in stream consumer and the
 * websocket route keep their Route instance); a broken file, one naming an unknown bean and one whose endpoint fails to build are rejected
 * with one WARN line each, and the routes of that file keep running; an added file starts its routes (a report
 * sink made from a template included; a file for another role is ignored); a deleted file's routes go away.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "context8.roles=ingest,analytics",
        "context8.binance.ws-url=ws://127.0.0.1:1",
        "context8.binance.rest-url=http://127.0.0.1:1",
        "context8.routes.reload=true",
        "context8.redis.embedded=false",
        "context8.symbols=GENUSDT",
        "context8.stream.key=routereloads:binance",
        "context8.book.resync-key=routereloads:requests"})
@DirtiesContext
class RouteReloadsRouteTest {

    private static final Path DIR = TempFiles.newFolder("context8-route-reloads");
    private static final Path ROUTES = DIR.resolve("routes");
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ReportTap reportTap;

    private ConsumerTemplate consumer;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    static {
        // as CONTEXT8_ROUTES_DIR would: read before the context starts (RoutesFolderRouteTest); cleared after the class
        try {
            assertThat(RouteExport.export(ROUTES, false, new PrintStream(PrintStream.nullOutputStream()),
                    System.err)).isZero();
            for (String name : List.of("edit", "broken", "delete")) {
                Files.writeString(ROUTES.resolve("reload-" + name + ".camel.yaml"), tick(name, "v1", "100"));
            }
            System.setProperty("context8.routes.dir", ROUTES.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", RedisServerProcess.shared()::url);
    }

    @BeforeEach
    void listen() {
        consumer = camel.createConsumerTemplate();
        log.start();
        ((Logger) LoggerFactory.getLogger(RouteReloads.class)).addAppender(log);
    }

    @AfterEach
    void stopListening() throws Exception {
        ((Logger) LoggerFactory.getLogger(RouteReloads.class)).detachAppender(log);
        consumer.stop();
    }

    @Test
    void anEditedFileRestartsOnlyItsOwnRoutes() throws Exception {
        awaitTick("edit", "v1");
        Route consumerRoute = camel.getRoute("consume-market-events");
        Route statusRoute = camel.getRoute("read-ingest-status");
        Route websocket = camel.getRoute("ingest-binance-frames");
        Route edited = camel.getRoute("emit-edit-tick");
        assertThat(consumerRoute).isNotNull();
        assertThat(websocket).isNotNull();
        double applied = reloads("applied");

        // a save that changes nothing (same content, newer time) restarts nothing: it is read in the same polls as
        // the edit below, which is applied alone
        Path templates = ROUTES.resolve("analytics-sink-templates.camel.yaml");
        Files.write(templates, Files.readAllBytes(templates));
        Files.setLastModifiedTime(templates, FileTime.from(Instant.now().plusSeconds(5)));
        Files.writeString(ROUTES.resolve("reload-edit.camel.yaml"), tick("edit", "v2", "50"));

        await().atMost(BOUND).until(() -> reloads("applied") >= applied + 1);
        awaitTick("edit", "v2");
        assertThat(camel.getRoute("emit-edit-tick")).as("the edited file's route restarted").isNotSameAs(edited);
        assertThat(camel.getRoute("consume-market-events")).as("a route of another file is untouched")
                .isSameAs(consumerRoute);
        assertThat(camel.getRoute("read-ingest-status")).isSameAs(statusRoute);
        assertThat(camel.getRoute("ingest-binance-frames")).as("the websocket route").isSameAs(websocket);
        assertThat(camel.getRouteController().getRouteStatus("consume-market-events")).isEqualTo(ServiceStatus.Started);
        assertThat(reloads("applied")).isEqualTo(applied + 1);
        assertThat(messages(Level.INFO)).anySatisfy(m -> assertThat(m)
                .contains("reload-edit.camel.yaml reloaded: stopped [emit-edit-tick], started [emit-edit-tick]"));
    }

    @Test
    void anEditedBuiltInFileRestartsItsStreamConsumerWhichGoesOn() throws Exception {
        Path reports = ROUTES.resolve("analytics-reports.camel.yaml");
        Route consumerRoute = camel.getRoute("consume-market-events");
        Route edited = camel.getRoute("emit-edit-tick");
        Route websocket = camel.getRoute("ingest-binance-frames");
        double applied = reloads("applied");

        // README: "change a parameter of one route", the period of read-ingest-status
        Files.writeString(reports, Files.readString(reports).replace("period: 500", "period: 250"));

        await().atMost(BOUND).until(() -> reloads("applied") == applied + 1);
        assertThat(messages(Level.INFO)).anySatisfy(m -> assertThat(m).contains("analytics-reports.camel.yaml reloaded")
                .contains("consume-market-events").contains("read-ingest-status"));
        assertThat(camel.getRoute("consume-market-events")).isNotSameAs(consumerRoute);
        assertThat(camel.getRoute("emit-edit-tick")).as("a route of another file").isSameAs(edited);
        assertThat(camel.getRoute("ingest-binance-frames")).as("the websocket route is not restarted")
                .isSameAs(websocket);
        double exchanges = exchanges("consume-market-events");
        await().atMost(BOUND).until(() -> exchanges("consume-market-events") > exchanges);
        assertThat(camel.getRouteController().getRouteStatus("publish-market-report")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void aReloadedStreamConsumerLosesNoEntry() throws Exception {
        String key = "routereloads:user:" + UUID.randomUUID();
        Path file = ROUTES.resolve("reload-stream.camel.yaml");
        Files.writeString(file, streamRoute(key, 20));
        await().atMost(BOUND).until(() -> camel.getRoute("consume-reload-stream") != null);
        Route before = camel.getRoute("consume-reload-stream");
        RedisClient client = RedisClient.create(RedisServerProcess.shared().url());
        Set<String> added = new HashSet<>();
        Set<String> seen = new HashSet<>();
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            for (int i = 0; i < 300; i++) {
                added.add(redis.sync().xadd(key, Map.of(RedisStreamConstants.FIELD_EVENT, "e" + i)));
                if (i == 100) {
                    Files.writeString(file, streamRoute(key, 7)); // reloaded while entries keep coming
                }
                if (i > 100 && i % 50 == 0) {
                    drain(seen);
                }
            }
            await().atMost(BOUND).until(() -> camel.getRoute("consume-reload-stream") != before);
            await().atMost(BOUND).until(() -> drain(seen).containsAll(added));
            assertThat(redis.sync().xpending(key, "reload-test").getCount()).as("all acknowledged").isZero();
        } finally {
            client.shutdown();
        }
    }

    /**
     * A user's consumer-group route forwarding the id of each entry of {@code key} to {@code seda:reload-stream},
     * 5 ms per entry (so that the reload stops it while it has entries to read).
     */
    private static String streamRoute(String key, int batchSize) {
        return """
                - route:
                    id: consume-reload-stream
                    description: Forward the id of every entry of the reload test's stream
                    from:
                      uri: redis-stream:%s
                      parameters:
                        group: reload-test
                        consumerName: reload-test-1
                        batchSize: %d
                        sendEmptyWhenIdle: false
                      steps:
                        - split:
                            simple: ${body}
                            steps:
                              - delay:
                                  constant: 5
                              - setBody:
                                  simple: ${body.id}
                              - to:
                                  uri: seda:reload-stream
                                  parameters:
                                    size: 10000
                """.formatted(key, batchSize);
    }

    private Set<String> drain(Set<String> seen) {
        String id;
        while ((id = consumer.receiveBodyNoWait("seda:reload-stream?size=10000", String.class)) != null) {
            seen.add(id);
        }
        return seen;
    }

    @Test
    void aBrokenFileIsRejectedAndTheRoutesOfThatFileKeepRunning() throws Exception {
        Path file = ROUTES.resolve("reload-broken.camel.yaml");
        awaitTick("broken", "v1");
        Route running = camel.getRoute("emit-broken-tick");
        double rejected = reloads("rejected");

        // a YAML syntax error: an unclosed flow sequence
        Files.writeString(file, tick("broken", "v2", "100").replace("steps:", "steps: [").replace("period: 100",
                "period: [100"));
        await().atMost(BOUND).until(() -> reloads("rejected") == rejected + 1);
        assertThat(camel.getRoute("emit-broken-tick")).as("not restarted").isSameAs(running);
        awaitTick("broken", "v1");

        // a bean that is not in the registry
        Files.writeString(file, tick("broken", "v3", "100").replace("        - to:",
                "        - bean:\n            ref: noSuchBean\n        - to:"));
        await().atMost(BOUND).until(() -> reloads("rejected") == rejected + 2);
        assertThat(camel.getRoute("emit-broken-tick")).isSameAs(running);
        awaitTick("broken", "v1");

        // a route id of another file, and a route configuration that does not exist
        Files.writeString(file, tick("broken", "v5", "100").replace("id: emit-broken-tick", "id: consume-market-events"));
        await().atMost(BOUND).until(() -> reloads("rejected") == rejected + 3);
        Files.writeString(file, tick("broken", "v6", "100").replace("    from:",
                "    routeConfigurationId: no-such-errors\n    from:"));
        await().atMost(BOUND).until(() -> reloads("rejected") == rejected + 4);
        assertThat(camel.getRoute("emit-broken-tick")).isSameAs(running);
        assertThat(camel.getRoute("consume-market-events").getEndpoint().getEndpointUri()).startsWith("redis-stream:");

        // passes the checks (the component is known) but the endpoint cannot be built: the last good content is
        // put back
        Files.writeString(file, tick("broken", "v4", "100").replace("period: 100", "period: 100\n        noSuchOption: 1"));
        await().atMost(BOUND).until(() -> reloads("rejected") == rejected + 5);
        awaitTick("broken", "v1");

        List<String> warnings = messages(Level.WARN);
        assertThat(warnings).hasSize(5).allSatisfy(m -> assertThat(m).contains("reload-broken.camel.yaml rejected"));
        assertThat(warnings.get(0)).contains("at line ").contains("its routes keep running as before");
        assertThat(warnings.get(1)).contains("at line 11: unknown bean noSuchBean");
        assertThat(warnings.get(2)).contains("route id consume-market-events is already used by a route of another");
        assertThat(warnings.get(3)).contains("unknown routeConfigurationId no-such-errors");
        assertThat(warnings.get(4)).contains("noSuchOption").contains("its previous routes were restarted");
        synchronized (log) {
            assertThat(log.list).allSatisfy(e -> assertThat(e.getThrowableProxy()).as("no stack trace").isNull());
        }
    }

    @Test
    void anAddedFileStartsItsRoutesAndAFileOfAnotherRoleIsIgnored() throws Exception {
        Files.writeString(ROUTES.resolve("mcp-extra.camel.yaml"), tick("mcp", "v1", "100"));
        Files.writeString(ROUTES.resolve("reload-added.camel.yaml"), tick("added", "v1", "100"));
        Files.writeString(ROUTES.resolve("analytics-report-file.camel.yaml"),
                Files.readString(Path.of("examples", "routes", "analytics-report-file.camel.yaml"))
                        .replace("value: reports", "value: " + DIR.resolve("out")));

        awaitTick("added", "v1");
        await().atMost(BOUND).until(() -> reportTap.sinkNames().contains("file"));
        assertThat(camel.getRouteController().getRouteStatus("write-report-file")).isEqualTo(ServiceStatus.Started);
        assertThat(camel.getRoute("emit-mcp-tick")).as("an mcp file, and this process is ingest and analytics")
                .isNull();
    }

    @Test
    void aFileNamingTheRouteConfigurationOfAFileAddedWithItStartsOnceThatOneIsIn() throws Exception {
        // copied in together; the first by name is read first and names what the second defines
        Files.writeString(ROUTES.resolve("reload-needs.camel.yaml"), tick("needs", "v1", "100")
                .replace("    from:", "    routeConfigurationId: reload-errors\n    from:"));
        Files.writeString(ROUTES.resolve("reload-provides.camel.yaml"), """
                - routeConfiguration:
                    id: reload-errors
                    description: Errors of the reload test's routes are logged and dropped
                    onException:
                      - onException:
                          exception:
                            - java.lang.Exception
                          handled:
                            constant: "true"
                """);

        awaitTick("needs", "v1");
        assertThat(camel.getRoute("emit-needs-tick").getConfigurationId()).isEqualTo("reload-errors");
    }

    @Test
    void aDeletedFileRemovesItsRoutes() throws Exception {
        awaitTick("delete", "v1");
        double removed = reloads("removed");

        Files.delete(ROUTES.resolve("reload-delete.camel.yaml"));

        await().atMost(BOUND).until(() -> camel.getRoute("emit-delete-tick") == null);
        assertThat(camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition("emit-delete-tick"))
                .isNull();
        assertThat(reloads("removed")).isEqualTo(removed + 1);
        assertThat(camel.getRoute("consume-market-events")).isNotNull();
    }

    @Test
    void reloadWithoutARoutesFolderIsTurnedOffWithAWarning() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("context8.routes.reload", "true",
                "context8.routes.dir", "", "context8.redis.embedded", "false")));
        DeferredLog warnings = new DeferredLog();
        new Context8EnvironmentPostProcessor(destination -> warnings).postProcessEnvironment(env,
                new SpringApplication());
        assertThat(env.getProperty("context8.routes.reload", Boolean.class)).isFalse();
    }

    /** A user's route file: a timer every {@code period} ms writing {@code value} to {@code seda:reload-<name>}. */
    private static String tick(String name, String value, String period) {
        return """
                - route:
                    id: emit-%1$s-tick
                    description: Emit the constant of the %1$s file
                    from:
                      uri: timer:reload-%1$s
                      parameters:
                        period: %3$s
                      steps:
                        - setBody:
                            constant: %2$s
                        - to:
                            uri: seda:reload-%1$s
                            parameters:
                              size: 5
                              discardWhenFull: true
                """.formatted(name, value, period);
    }

    private void awaitTick(String name, String value) {
        String uri = "seda:reload-" + name + "?size=5&discardWhenFull=true";
        await().atMost(BOUND).until(() -> value.equals(consumer.receiveBody(uri, 200, String.class)));
    }

    /** Exchanges of a route so far (camel-micrometer's route policy; idle polls of the stream consumer count). */
    private double exchanges(String routeId) {
        return meters.find("camel.exchanges.total").tag("routeId", routeId).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private double reloads(String result) {
        return meters.get("context8.route.reloads").tag("result", result).counter().count();
    }

    private List<String> messages(Level level) {
        List<String> found = new ArrayList<>();
        synchronized (log) {
            for (ILoggingEvent e : log.list) {
                if (e.getLevel() == level) {
                    found.add(e.getFormattedMessage());
                }
            }
        }
        return found;
    }

    @AfterAll
    static void removeFiles() throws IOException {
        System.clearProperty("context8.routes.dir");
        TempFiles.delete(DIR);
    }
}
