package io.context8.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Synthetic market scenarios driven through the real analytics routes (stream consumer, engine, schema
 * validation, SETEX) against a real redis-server: each scenario is a symbol of its own, written to the stream
 * as ingest would, and the published {@code report:{symbol}} is read back. A spoofing pattern, an iceberg and
 * a crash setup each raise their anomaly at medium or high; calm conditions and a market maker re-quoting one
 * large order raise nothing above low.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "context8.roles=analytics",
        "context8.redis.embedded=false",
        "context8.symbols=CALMUSDT,SPOOFUSDT,ICEUSDT,CRASHUSDT,REQUOTEUSDT",
        "context8.stream.key=scenarios:binance"})
@DirtiesContext
class AnomalyScenariosRouteTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = 1_723_161_255_000L;
    private static RedisServerProcess server;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> conn;
    private static RedisCommands<String, String> redis;

    @DynamicPropertySource
    static void redisUrl(DynamicPropertyRegistry registry) {
        server = RedisServerProcess.shared();
        registry.add("spring.data.redis.url", server::url);
    }

    @BeforeAll
    static void connect() {
        client = RedisClient.create(RedisServerProcess.shared().url());
        conn = client.connect();
        redis = conn.sync();
    }

    @AfterAll
    static void close() {
        conn.close();
        client.shutdown();
    }

    /** XADDs the market's entries as ingest does and waits for the report that has seen the last of them. */
    private static JsonNode play(SyntheticMarket m) {
        List<StreamEntry> entries = m.out;
        for (StreamEntry e : entries) {
            redis.xadd("scenarios:binance", Map.of(RedisStreamConstants.FIELD_TYPE, "x",
                    RedisStreamConstants.FIELD_SYMBOL, m.symbol, RedisStreamConstants.FIELD_EVENT,
                    e.field(RedisStreamConstants.FIELD_EVENT)));
        }
        String last = java.time.Instant.ofEpochMilli(m.time).toString();
        return Awaitility.await(m.symbol + " report up to " + last).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    String json = redis.get("report:" + m.symbol);
                    return json == null ? null : MAPPER.readTree(json);
                }, r -> r != null && last.equals(r.at("/timestamps/last_event").asText()));
    }

    private static List<JsonNode> anomalies(JsonNode report, String type) {
        List<JsonNode> out = new java.util.ArrayList<>();
        report.get("anomalies").forEach(a -> {
            if (type.equals(a.get("type").asText())) {
                out.add(a);
            }
        });
        return out;
    }

    @Test
    @DisplayName("calm market: no anomaly above low, a synced book, a full report")
    void calm() {
        JsonNode r = play(new SyntheticMarket("CALMUSDT", 1, T0).snapshot(60).calm(90_000));
        assertThat(r.at("/book/in_sync").asBoolean()).isTrue();
        assertThat(r.get("anomalies")).allSatisfy(a -> assertThat(a.get("severity").asText()).isEqualTo("low"));
        assertThat(r.at("/liquidity/bands/depth")).hasSize(4);
        JsonNode c = r.at("/health/components");
        double weighted = 0.20 * c.get("spread").asDouble() + 0.25 * c.get("depth").asDouble()
                + 0.15 * c.get("balance").asDouble() + 0.15 * c.get("flow").asDouble()
                + 0.15 * c.get("anomalies").asDouble() + 0.10 * c.get("freshness").asDouble();
        assertThat(weighted).as("the market's components").isGreaterThan(50);
        // no ingest role runs here and the events were received in 2024: ingestion is down, which caps the score
        assertThat(r.at("/ingestion/status").asText()).isEqualTo("down");
        assertThat(r.at("/health/score").asDouble()).isEqualTo(25.0);
        assertThat(r.at("/health/reason").asText()).contains("capped at 25");
    }

    @Test
    @DisplayName("spoofing: a 40 lot 150 bps below mid placed and pulled 15 times in 45 s is medium or high")
    void spoofing() {
        SyntheticMarket m = new SyntheticMarket("SPOOFUSDT", 2, T0).snapshot(60).calm(10_000);
        for (int i = 0; i < 15; i++) {
            m.calm(2_000).diff("[[\"98.50\",\"40\"]]", "[]").calm(1_000).diff("[[\"98.50\",\"0\"]]", "[]");
        }
        JsonNode r = play(m);
        List<JsonNode> spoofing = anomalies(r, "spoofing");
        assertThat(spoofing).as(r.get("anomalies").toString()).hasSize(1);
        assertThat(spoofing.get(0).get("severity").asText()).isIn("medium", "high");
        assertThat(spoofing.get(0).at("/evidence/cancels").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(spoofing.get(0).at("/evidence/max_qty").asDouble()).isEqualTo(40.0);
    }

    @Test
    @DisplayName("iceberg: 30 buys of 0.6 at one ask that stays visible yield an iceberg with fills and executed vs visible")
    void iceberg() {
        SyntheticMarket m = new SyntheticMarket("ICEUSDT", 3, T0).snapshot(60).calm(10_000);
        for (int i = 0; i < 30; i++) {
            m.advance(200).trade(100.005, 0.6, true).diff("[]", "[[\"100.01\",\"1.00000\"]]");
        }
        JsonNode r = play(m);
        List<JsonNode> ice = anomalies(r, "iceberg");
        assertThat(ice).as(r.get("anomalies").toString()).isNotEmpty();
        JsonNode a = ice.get(0);
        assertThat(a.at("/evidence/price").asDouble()).isEqualTo(100.01);
        assertThat(a.at("/evidence/side").asText()).isEqualTo("ask");
        assertThat(a.at("/evidence/fills").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(a.at("/evidence/executed_qty").asDouble()).isGreaterThan(2 * a.at("/evidence/max_visible_qty").asDouble());
        assertThat(a.get("severity").asText()).isIn("medium", "high");
    }

    @Test
    @DisplayName("re-quoting: a 40 lot ask 100-150 bps above mid moved to a new price every second for 45 s is no spoofing above low")
    void requoting() {
        SyntheticMarket m = new SyntheticMarket("REQUOTEUSDT", 5, T0).snapshot(60).calm(10_000);
        String[] prices = {"101.00", "101.25", "101.50"};
        for (int i = 0; i < 45; i++) { // pull at the old price and re-place at the new one in the same diff
            String asks = i == 0 ? "[[\"" + prices[0] + "\",\"40\"]]"
                    : "[[\"" + prices[(i - 1) % 3] + "\",\"0\"],[\"" + prices[i % 3] + "\",\"40\"]]";
            m.calm(1_000).diff("[]", asks);
        }
        JsonNode r = play(m.calm(3_000));
        assertThat(anomalies(r, "spoofing")).as(r.get("anomalies").toString())
                .allSatisfy(a -> assertThat(a.get("severity").asText()).isEqualTo("low"));
    }

    @Test
    @DisplayName("flash-crash risk: spread blown out, bid depth gone and accelerating net selling agree: high")
    void flashCrash() {
        SyntheticMarket m = new SyntheticMarket("CRASHUSDT", 4, T0).snapshot(60).calm(70_000);
        for (int i = 0; i < 20; i++) { // 10 s of moderate selling
            m.advance(500).trade(99.995, 0.25, false);
        }
        StringBuilder gone = new StringBuilder("[");
        for (int lvl = 0; lvl < 40; lvl++) { // the best 40 bids (40 bps) disappear
            gone.append(lvl == 0 ? "" : ",").append("[\"").append(SyntheticMarket.px(100 - 0.005 - lvl * 0.01))
                    .append("\",\"0\"]");
        }
        m.advance(100).diff(gone.append(']').toString(), "[]");
        for (int i = 0; i < 20; i++) { // 10 s of heavy selling into the thin bid
            m.advance(500).trade(100 - 0.005 - 40 * 0.01, 1.0, false);
        }
        JsonNode r = play(m);
        List<JsonNode> crash = anomalies(r, "flash_crash_risk");
        assertThat(crash).as(r.get("anomalies").toString()).hasSize(1);
        assertThat(crash.get(0).get("severity").asText()).as(crash.toString()).isEqualTo("high");
        assertThat(crash.get(0).at("/evidence/signals").asInt()).isEqualTo(3);
        assertThat(r.at("/health/score").asDouble()).isLessThan(80);
    }
}
