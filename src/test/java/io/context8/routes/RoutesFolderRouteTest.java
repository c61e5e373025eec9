package io.context8.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.testsupport.RedisServerProcess;
import io.context8.testsupport.TempFiles;

/**
 * The README recipes "add a file sink", "drop a metric step" and "change a parameter of one route", and a step of
 * one's own (docs/routes.md), as a user does them: export the built-in routes to a folder, edit one of them (a
 * description; the README's {@code sed} command that deletes the step measure-profile; a timer period; a wire tap of
 * the report JSON added after write-report), copy the file-sink example in, start with {@code CONTEXT8_ROUTES_DIR}
 * (analytics role, a real redis-server). The routes come from the folder (the edits show), the other role's files are not loaded, and the
 * analytics role's reports (its symbol has no data, so the heartbeat reports) reach the sink's file, with the
 * profile named in {@code not_computed}.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "context8.roles=analytics",
        "context8.redis.embedded=false",
        "context8.symbols=GENUSDT",
        "context8.stream.key=routesfolder:binance",
        "context8.book.resync-key=routesfolder:requests"})
@DirtiesContext
class RoutesFolderRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = TempFiles.newFolder("context8-routes-folder");
    private static final String EDITED = "Validate a report and store it (edited in the routes folder)";

    @Autowired
    CamelContext camel;

    static {
        // as CONTEXT8_ROUTES_DIR would: read before the context starts (a @DynamicPropertySource comes too late
        // for the environment post-processor that selects the route files); cleared after the class
        try {
            Path routes = DIR.resolve("routes");
            assertThat(RouteExport.export(routes, false, new PrintStream(PrintStream.nullOutputStream()),
                    System.err)).isZero();
            Path reports = routes.resolve("analytics-reports.camel.yaml");
            Files.writeString(reports, Files.readString(reports).replace(
                    "description: Validate a report against the report schema and store it at report:{symbol} with a TTL",
                    "description: " + EDITED));
            // the README's command, as written (run in the folder that holds routes/)
            Process sed = new ProcessBuilder("sed", "-i", "/id: measure-profile,/d", "routes/analytics-reports.camel.yaml")
                    .directory(DIR.toFile()).inheritIO().start();
            assertThat(sed.waitFor()).isZero();
            // change a parameter of one route (README) and add a step of one's own between two (docs/routes.md):
            // a wire tap of the finished report JSON to a file, between write-report and publish-report
            String chain = Files.readString(reports);
            Files.writeString(reports, chain.replace("        period: 500", "        period: 250").replace(
                    "        - bean: {id: write-report, ref: writeReport, method: write}",
                    "        - bean: {id: write-report, ref: writeReport, method: write}\n"
                            + "        - wireTap: {id: tap-report, uri: \"file:" + DIR.resolve("tap")
                            + "?fileName=${header.context8Symbol}.json\"}"));
            Files.writeString(routes.resolve("analytics-report-file.camel.yaml"),
                    Files.readString(Path.of("examples", "routes", "analytics-report-file.camel.yaml"))
                            .replace("value: reports", "value: " + DIR.resolve("out")));
            System.setProperty("context8.routes.dir", routes.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", RedisServerProcess.shared()::url);
    }

    @Test
    void routesComeFromTheFolderByRoleTheAddedSinkWritesReportsAndTheDroppedStepIsNotComputed() throws Exception {
        assertThat(camel.getRoute("publish-market-report").getDescription()).isEqualTo(EDITED);
        assertThat(camel.getRoute("ingest-binance-frames")).as("an ingest file, and this process is analytics")
                .isNull();
        assertThat(camel.getRoute("read-report")).as("an mcp file").isNull();
        await().atMost(Duration.ofSeconds(60)).until(() -> lines().size() >= 2);
        assertThat(JSON.readTree(lines().get(0)).get("symbol").asText()).isEqualTo("GENUSDT");
        // drop a metric step: the route has no measure-profile, the report says so and is still valid (it was stored)
        assertThat(camel.getRoute("build-market-report").filter("measure-profile")).isEmpty();
        assertThat(camel.getRoute("build-market-report").filter("measure-flow")).hasSize(1);
        assertThat(JSON.readTree(lines().get(1)).get("not_computed").toString()).isEqualTo("[\"profile\"]");
        assertThat(JSON.readTree(lines().get(1)).at("/liquidity/profile").isNull()).isTrue();
        // the changed parameter and the step of one's own
        assertThat(camel.getRoute("read-ingest-status").getEndpoint().getEndpointUri()).contains("period=250");
        Path tapped = DIR.resolve("tap").resolve("GENUSDT.json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(tapped) && Files.size(tapped) > 0);
        assertThat(JSON.readTree(Files.readString(tapped)).get("symbol").asText()).isEqualTo("GENUSDT");
    }

    private static List<String> lines() throws IOException {
        return TempFiles.lines(DIR.resolve("out"));
    }

    @AfterAll
    static void removeFiles() throws IOException {
        System.clearProperty("context8.routes.dir");
        TempFiles.delete(DIR);
    }
}
