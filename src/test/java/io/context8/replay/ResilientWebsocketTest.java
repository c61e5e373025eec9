package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.context8.ingest.ReconnectBackoff;
import io.context8.ingest.ws.ConnectionListener;
import io.context8.ingest.ws.ResilientWebsocketComponent;
import io.vertx.core.VertxOptions;

/**
 * The ingest websocket client ({@code binance-websocket:}) against the replay server: a dropped server is
 * retried with back-off until it is back, and a connection older than the maximum age is closed and re-opened.
 */
class ResilientWebsocketTest {

    /** Records connection events and the number of reconnect attempts scheduled (one random draw each). */
    static final class Events implements ConnectionListener {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void onConnected(boolean reconnect) {
            log.add(reconnect ? "reconnected" : "connected");
        }

        @Override
        public void onDisconnected(boolean planned) {
            log.add(planned ? "planned-close" : "lost");
        }

        double random() {
            attempts.incrementAndGet();
            return 0.5;
        }

        long count(String event) {
            synchronized (log) {
                return log.stream().filter(event::equals).count();
            }
        }
    }

    private static CamelContext camel(Events events, long maxAgeMs, int port, List<String> received) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        ResilientWebsocketComponent ws = new ResilientWebsocketComponent(new ReconnectBackoff(50, 400, 2, 0.5),
                maxAgeMs, events, events::random);
        ws.setVertxOptions(new VertxOptions().setWorkerPoolSize(1));
        camel.addComponent("binance-websocket", ws);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("binance-websocket:127.0.0.1:" + port + "/stream?consumeAsClient=true"
                        + "&streams=RAW(btcusdt@trade/btcusdt@bookTicker)")
                        .routeId("ws-test").process(e -> received.add(e.getMessage().getBody(String.class)));
            }
        });
        camel.start();
        return camel;
    }

    private static List<String> expected() {
        return ReplayFixtures.fileA().stream().map(ReplayFixtures.Line::frame)
                .filter(f -> f.startsWith("{\"stream\":\"btcusdt@trade\"") || f.startsWith("{\"stream\":\"btcusdt@bookTicker\""))
                .toList();
    }

    @Test
    void aDroppedServerIsRetriedWithBackoffUntilItIsBack(@TempDir Path dir) throws Exception {
        Path a = ReplayFixtures.write(dir.resolve("a.gz"), ReplayFixtures.fileA());
        List<String> expected = expected();
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        Events events = new Events();
        ReplayServer first = ReplayServer.builder().files(a).speed(ReplaySpeed.MAX).port(0).build().start();
        int port = first.port();
        try (CamelContext camel = camel(events, 0, port, received)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= expected.size());
            first.stop();
            // the client keeps trying while the server is down: several attempts, spaced by the back-off
            await().atMost(Duration.ofSeconds(20)).until(() -> events.attempts.get() >= 4);
            assertThat(events.count("lost")).isEqualTo(1);
            assertThat(events.count("reconnected")).isZero();
            try (ReplayServer second = ReplayServer.builder().files(a).speed(ReplaySpeed.MAX).port(port).build().start()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> events.count("reconnected") == 1);
                await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 2 * expected.size());
            }
        } finally {
            first.stop();
        }
        assertThat(received.subList(expected.size(), 2 * expected.size()))
                .as("the restarted server's feed arrives in full").containsExactlyElementsOf(expected);
        assertThat(events.log.get(0)).isEqualTo("connected");
    }

    @Test
    void aConnectionOlderThanTheMaximumAgeIsReopened(@TempDir Path dir) throws Exception {
        Path a = ReplayFixtures.write(dir.resolve("a.gz"), ReplayFixtures.fileA());
        Events events = new Events();
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        try (ReplayServer server = ReplayServer.builder().files(a).speed(ReplaySpeed.MAX).port(0).build().start();
                CamelContext camel = camel(events, 300, server.port(), received)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> events.count("reconnected") >= 2);
        }
        assertThat(events.count("planned-close")).isGreaterThanOrEqualTo(2);
        assertThat(events.count("lost")).isZero();
    }

    @Test
    void aSlowRouteMakesTheClientPauseInsteadOfQueueingFrames(@TempDir Path dir) throws Exception {
        int trades = 20_000;
        Path file = ReplayFixtures.writeTrades(dir.resolve("t.gz"), trades);
        Events events = new Events();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        try (ReplayServer server = ReplayServer.builder().files(file).speed(ReplaySpeed.MAX).port(0).build().start();
                CamelContext camel = new DefaultCamelContext()) {
            ResilientWebsocketComponent ws = new ResilientWebsocketComponent(new ReconnectBackoff(50, 400, 2, 0.5), 0,
                    events, events::random);
            ws.setVertxOptions(new VertxOptions().setWorkerPoolSize(1));
            ws.setMaxFramesInFlight(100);
            camel.addComponent("binance-websocket", ws);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("binance-websocket:127.0.0.1:" + server.port() + "/stream?consumeAsClient=true"
                            + "&streams=RAW(btcusdt@trade)").routeId("slow-route").process(e -> {
                                release.await();
                                received.add(e.getMessage().getBody(String.class));
                            });
                }
            });
            camel.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> ws.inFlightHighWater() >= 100);
            Thread.sleep(500); // the route is stuck: frames that still arrive would show in the high-water mark
            assertThat(ws.inFlightHighWater()).as("frames waiting for the route").isLessThanOrEqualTo(101);
            release.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == trades);
        }
        assertThat(events.count("lost")).isZero();
    }
}
