package io.context8.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.context8.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ingest route {@code ingest-binance-frames} by node id, against a real redis-server: its websocket source is
 * replaced by a {@code direct:} endpoint (AdviceWith before the context starts), the snapshot request of its resync
 * branch ({@code request-depth-snapshot}) by a mock, and a mock follows {@code count-rejected-frame}. A market
 * frame is appended to the stream; a control ack and a frame of a symbol not configured take the rejection branch
 * (counted, nothing appended, no resync); the first diff of a symbol takes the resync branch.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "context8.roles=ingest",
        "context8.redis.embedded=false",
        "context8.symbols=BTCUSDT",
        "context8.stream.key=ingestroute:binance",
        "context8.book.resync-key=ingestroute:requests"})
@DirtiesContext
class IngestRouteTest {

    private static final String KEY = "ingestroute:binance";

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", RedisServerProcess.shared()::url);
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    MeterRegistry meters;

    @EndpointInject("mock:rejected")
    MockEndpoint rejected;

    @EndpointInject("mock:resync")
    MockEndpoint resync;

    private static boolean started;

    @BeforeEach
    void adviseAndStart() throws Exception {
        if (started) {
            rejected.reset();
            resync.reset();
            return;
        }
        try (StatefulRedisConnection<String, String> c = client().connect()) {
            c.sync().del(KEY);
        }
        AdviceWith.adviceWith(camel, "ingest-binance-frames", a -> {
            a.replaceFromWith("direct:test-frames");
            a.weaveById("request-depth-snapshot").replace().to("mock:resync");
            a.weaveById("count-rejected-frame").after().to("mock:rejected");
        });
        camel.start();
        started = true;
    }

    @Test
    @DisplayName("a trade frame is normalized, validated and appended; no rejection, no resync")
    void marketFrameAppended() throws Exception {
        long before = xlen();
        rejected.expectedMessageCount(0);
        resync.expectedMessageCount(0);
        producer.sendBody("direct:test-frames", "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161255001,"
                + "\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"60000.00\",\"q\":\"0.00100\",\"T\":1723161255000,\"m\":true,\"M\":true}}");
        assertThat(xlen()).isEqualTo(before + 1);
        List<StreamMessage<String, String>> last = lastEntry();
        assertThat(last.get(0).getBody().get("event")).contains("\"type\":\"trade_tick\"").contains("\"BTCUSDT\"");
        MockEndpoint.assertIsSatisfied(1, TimeUnit.SECONDS, rejected, resync);
    }

    @Test
    @DisplayName("a control ack and a symbol not configured take the rejection branch: counted, nothing appended")
    void rejectionBranch() throws Exception {
        long before = xlen();
        double acks = errors("control_ack");
        double unconfigured = errors("unconfigured_symbol");
        rejected.expectedMessageCount(2);
        resync.expectedMessageCount(0);
        producer.sendBody("direct:test-frames", "{\"result\":null,\"id\":1}");
        producer.sendBody("direct:test-frames", "{\"stream\":\"ethusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1723161255001,"
                + "\"s\":\"ETHUSDT\",\"t\":1,\"p\":\"2600.00\",\"q\":\"0.1000\",\"T\":1723161255000,\"m\":true,\"M\":true}}");
        MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, rejected, resync);
        assertThat(rejected.getExchanges()).extracting(e -> e.getMessage().getHeader(IngestFrames.REJECTED))
                .containsExactly("control_ack", "unconfigured_symbol");
        assertThat(xlen()).isEqualTo(before);
        assertThat(errors("control_ack")).isEqualTo(acks + 1);
        assertThat(errors("unconfigured_symbol")).isEqualTo(unconfigured + 1);
    }

    @Test
    @DisplayName("the first diff of a symbol (no snapshot yet) is appended and takes the resync branch")
    void resyncBranch() throws Exception {
        long before = xlen();
        rejected.expectedMessageCount(0);
        resync.expectedMessageCount(1);
        producer.sendBody("direct:test-frames", "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\","
                + "\"E\":1723161255100,\"s\":\"BTCUSDT\",\"U\":100,\"u\":101,\"b\":[[\"60000.00\",\"1.00000\"]],\"a\":[]}}");
        MockEndpoint.assertIsSatisfied(5, TimeUnit.SECONDS, rejected, resync);
        assertThat(resync.getExchanges().get(0).getMessage().getHeader(IngestFrames.RESYNC)).isEqualTo(Boolean.TRUE);
        assertThat(xlen()).isEqualTo(before + 1);
    }

    private double errors(String type) {
        var c = meters.find("context8.errors").tag("component", "ingest").tag("type", type).counter();
        return c == null ? 0 : c.count();
    }

    private static long xlen() {
        try (StatefulRedisConnection<String, String> c = client().connect()) {
            return c.sync().xlen(KEY);
        }
    }

    private static List<StreamMessage<String, String>> lastEntry() {
        try (StatefulRedisConnection<String, String> c = client().connect()) {
            return c.sync().xrevrange(KEY, io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.create(0, 1));
        }
    }

    private static RedisClient client;

    private static RedisClient client() {
        if (client == null) {
            client = RedisClient.create(RedisServerProcess.shared().url());
        }
        return client;
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                c.sync().del(KEY);
            }
            client.shutdown();
        }
    }
}
