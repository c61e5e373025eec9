package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.IngestFrames;
import io.context8.ingest.IngestStatus;
import io.context8.ingest.ReconnectBackoff;
import io.context8.ingest.ws.ConnectionListener;
import io.context8.ingest.ws.ResilientWebsocketComponent;
import io.context8.replay.ReplayFixtures.Line;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.VertxOptions;

/**
 * Bad market input through ingest's websocket client and frame step, fed by the replay server: a frame over
 * 1 MiB reaches the route and is counted as {@code frame_too_large} (the client's own 256 KiB default used to
 * close the connection first, so it was only logged), and events of a symbol that is not configured are
 * dropped and counted as {@code unconfigured_symbol} without ever asking for a depth snapshot.
 */
class IngestBadInputTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestFrames ingest = new IngestFrames(new BinanceNormalizer(new ObjectMapper(), "binance"),
            new IngestStatus(5_000), meters, Set.of("BTCUSDT"));

    private double errors(String type) {
        var c = meters.find("context8.errors").tags("component", "ingest", "type", type).counter();
        return c == null ? -1 : c.count();
    }

    @Test
    void aHugeFrameIsCountedAndUnconfiguredSymbolsAreDroppedWithoutSnapshots(@TempDir Path dir) throws Exception {
        String huge = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"pad\":\"" + "x".repeat(1_500_000)
                + "\"}}";
        List<Line> btc = new ArrayList<>(ReplayFixtures.fileA());
        btc.add(3, new Line(btc.get(3).offsetNanos(), huge));
        Path a = ReplayFixtures.write(dir.resolve("a.gz"), btc);
        Path b = ReplayFixtures.write(dir.resolve("b.gz"), ReplayFixtures.fileB()); // ETHUSDT: not configured
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        List<String> resyncs = Collections.synchronizedList(new ArrayList<>());
        List<String> rejected = Collections.synchronizedList(new ArrayList<>());
        try (ReplayServer server = ReplayServer.builder().files(a, b).speed(ReplaySpeed.MAX).port(0).build().start();
                CamelContext camel = new DefaultCamelContext()) {
            ResilientWebsocketComponent ws = new ResilientWebsocketComponent(new ReconnectBackoff(50, 400, 2, 0.5), 0,
                    new ConnectionListener() {
                        @Override
                        public void onConnected(boolean reconnect) {
                        }

                        @Override
                        public void onDisconnected(boolean planned) {
                            rejected.add("disconnected");
                        }
                    }, () -> 0.5);
            ws.setVertxOptions(new VertxOptions().setWorkerPoolSize(1));
            camel.addComponent("binance-websocket", ws);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("binance-websocket:127.0.0.1:" + server.port() + "/stream?consumeAsClient=true"
                            + "&streams=RAW(btcusdt@trade/btcusdt@depth@100ms/ethusdt@trade/ethusdt@depth@100ms)")
                            .routeId("bad-input-test").process(e -> {
                                ingest.normalize(e);
                                String reason = e.getMessage().getHeader(IngestFrames.REJECTED, String.class);
                                if (reason != null) {
                                    ingest.rejected(e);
                                    rejected.add(reason);
                                    return;
                                }
                                String symbol = e.getMessage().getHeader("context8Symbol", String.class);
                                accepted.add(symbol);
                                if (Boolean.TRUE.equals(e.getMessage().getHeader(IngestFrames.RESYNC, Boolean.class))) {
                                    resyncs.add(symbol);
                                }
                            });
                }
            });
            camel.start();
            // BTCUSDT: 4 diffs + 3 trades; ETHUSDT: 1 diff + 1 trade; and the huge frame
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() + rejected.size() >= 10);
            System.out.printf("IngestBadInputTest: accepted %s, rejected %s, resyncs %s%n", accepted, rejected, resyncs);
            assertThat(rejected).containsExactlyInAnyOrder(IngestFrames.FRAME_TOO_LARGE, "unconfigured_symbol",
                    "unconfigured_symbol");
            assertThat(accepted).hasSize(7).containsOnly("BTCUSDT");
            assertThat(resyncs).as("a snapshot is asked for BTCUSDT only").containsExactly("BTCUSDT");
            assertThat(errors(IngestFrames.FRAME_TOO_LARGE)).isEqualTo(1.0);
            assertThat(errors("unconfigured_symbol")).isEqualTo(2.0);
        }
    }
}
