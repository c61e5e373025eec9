package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.config.Context8EnvironmentPostProcessor;
import io.context8.testsupport.AppProcess;
import io.context8.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * {@code context8.source=simulated} with the ingest and analytics roles: the replay server starts with the
 * simulated market (no recording configured), the real ingest route syncs its book from it, the analytics route
 * publishes valid synced reports to Redis, and ingest's heartbeat carries {@code replay_state}. An unknown source
 * fails at start-up naming the accepted ones.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "context8.roles=ingest,analytics",
        "context8.source=simulated",
        "context8.simulated.speed=5",
        "context8.redis.embedded=false",
        "context8.symbols=BTCUSDT",
        "context8.stream.key=simulated:binance"})
@DirtiesContext
class SimulatedSourceRouteTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // read by the environment post-processor before the context starts (a dynamic property comes too late)
        System.setProperty("context8.replay.port", String.valueOf(AppProcess.freePort()));
    }

    @Autowired
    ReplayServer replay;

    @DynamicPropertySource
    static void redisUrl(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", RedisServerProcess.shared()::url);
    }

    @AfterAll
    static void clearPort() {
        System.clearProperty("context8.replay.port");
    }

    @Test
    void theSimulatedMarketFeedsIngestAndAnalyticsToSyncedReports() throws Exception {
        assertThat(replay.isSimulated()).isTrue();
        RedisClient client = RedisClient.create(RedisServerProcess.shared().url());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            JsonNode report = Awaitility.await("a synced BTCUSDT report").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        String json = conn.sync().get("report:BTCUSDT");
                        return json == null ? null : MAPPER.readTree(json);
                    }, r -> r != null && "simulated".equals(r.at("/source/kind").asText()) // not another test's
                            && r.at("/book/in_sync").asBoolean() && r.at("/book/bid_levels").asInt() > 500);
            // the shared redis-server may hold another test's heartbeat until this ingest writes its own, and this
            // ingest's first one may say "waiting" (written before the market starts playing)
            String heartbeat = Awaitility.await("this ingest's heartbeat, playing").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> conn.sync().get("context8:ingest:binance"),
                            h -> h != null && h.contains("\"kind\":\"simulated\"")
                                    && h.contains("\"replay_state\":\"playing\""));
            System.out.printf("SimulatedSourceRouteTest: report book %s; heartbeat %s%n", report.path("book"), heartbeat);
            assertThat(report.at("/book/crossed").asBoolean()).isFalse();
            assertThat(MAPPER.readTree(heartbeat).path("replay_state").asText()).isEqualTo("playing");
            assertThat(replay.state()).isEqualTo("playing");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void replayPortZeroMeansAFreePortThatIngestConnectsTo() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", java.util.Map.of("context8.source", "simulated",
                "context8.replay.port", "0", "context8.roles", "ingest,analytics", "context8.redis.embedded", "false")));
        new Context8EnvironmentPostProcessor(destination -> new org.springframework.boot.logging.DeferredLog())
                .postProcessEnvironment(env, new SpringApplication());
        int port = Integer.parseInt(env.getProperty("context8.replay.port"));
        assertThat(port).isPositive();
        assertThat(env.getProperty("context8.binance.ws-url")).isEqualTo("ws://127.0.0.1:" + port);
        assertThat(env.getProperty("context8.binance.rest-url")).isEqualTo("http://127.0.0.1:" + port);
    }

    @Test
    void anUnknownSourceFailsNamingTheAcceptedOnes() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test",
                java.util.Map.of("context8.source", "simulation", "context8.redis.embedded", "false")));
        assertThatThrownBy(() -> new Context8EnvironmentPostProcessor(destination -> new org.springframework.boot.logging.DeferredLog())
                .postProcessEnvironment(env,
                new SpringApplication()))
                .isInstanceOf(io.context8.config.InvalidSettingException.class)
                .hasMessageContaining("'simulation' is not one of live, replay, simulated");
    }
}
