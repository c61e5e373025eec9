package io.context8.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.context8.testsupport.RedisServerProcess;
import io.context8.testsupport.TempFiles;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The real {@code publish-market-report} route (validate, SETEX to a real redis-server, then
 * {@code announce-report}) with the analytics role's built-in route files and a file sink added by one route file
 * (the example, directory edited), in the Spring Boot application: every stored report reaches the file, in the
 * order stored, and the drop counter of the sink is registered at 0.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "context8.roles=analytics",
        "context8.redis.embedded=false",
        "context8.symbols=GENUSDT",
        "context8.stream.key=sinkroute:binance",
        "context8.book.resync-key=sinkroute:requests"})
@DirtiesContext
class ReportSinkRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = TempFiles.newFolder("context8-sinks");

    @Autowired
    ProducerTemplate producer;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ReportTap tap;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) throws IOException {
        registry.add("spring.data.redis.url", RedisServerProcess.shared()::url);
        String example = Files.readString(Path.of("examples", "routes", "analytics-report-file.camel.yaml"))
                .replace("value: reports", "value: " + DIR.resolve("out"));
        Path sink = Files.writeString(Files.createDirectories(DIR.resolve("routes"))
                .resolve("analytics-report-file.camel.yaml"), example);
        registry.add("camel.main.routes-include-pattern",
                () -> "classpath:routes/analytics-*.camel.yaml,file:" + sink);
    }

    @Test
    void everyStoredReportReachesTheFileSinkInOrder() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> tap.sinkNames().equals(List.of("file")));
        assertThat(meters.get("context8.report.sink.drops").tag("sink", "file").counter().count()).isZero();
        ObjectNode report = (ObjectNode) JSON.readTree(
                Files.readString(Path.of("src", "test", "resources", "mcp", "report-btcusdt.json")));
        for (int i = 0; i < 40; i++) {
            ((ObjectNode) report.get("timestamps")).put("generated_at", "2026-12-02T00:00:00.%03dZ".formatted(i));
            producer.sendBodyAndHeader("direct:publish-market-report", JSON.writeValueAsString(report), "context8Symbol",
                    "BTCUSDT");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> btcLines().size() == 40);
        List<String> lines = btcLines();
        for (int i = 0; i < 40; i++) {
            assertThat(JSON.readTree(lines.get(i)).at("/timestamps/generated_at").asText())
                    .isEqualTo("2026-12-02T00:00:00.%03dZ".formatted(i));
        }
        assertThat(redis.opsForValue().get("report:BTCUSDT")).isEqualTo(lines.get(39));
        assertThat(tap.drops("file")).isZero();
        redis.delete("report:BTCUSDT"); // the redis-server is shared: other tests' BTCUSDT reports must be theirs
    }

    /** The BTCUSDT lines of the sink's files (the engine may publish reports of its own symbol too). */
    private static List<String> btcLines() throws IOException {
        return TempFiles.lines(DIR.resolve("out")).stream().filter(l -> l.contains("\"symbol\":\"BTCUSDT\"")).toList();
    }

    @AfterAll
    static void removeFiles() throws IOException {
        TempFiles.delete(DIR);
    }
}
