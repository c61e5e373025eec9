package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.VertxOptions;

/**
 * The app's ingest transport (camel-vertx-websocket as a client, stream list in {@code RAW(...)}) connects
 * to the replay server exactly as to Binance and receives the subscribed frames verbatim, in order.
 */
class ReplayCamelClientTest {

    @Test
    void camelVertxWebsocketClientReceivesTheSubscribedFrames(@TempDir Path dir) throws Exception {
        Path a = ReplayFixtures.write(dir.resolve("a.gz"), ReplayFixtures.fileA());
        Path b = ReplayFixtures.write(dir.resolve("b.gz"), ReplayFixtures.fileB());
        List<String> expected = ReplayFixtures.fileA().stream().map(ReplayFixtures.Line::frame)
                .filter(f -> f.startsWith("{\"stream\":\"btcusdt@trade\"") || f.startsWith("{\"stream\":\"btcusdt@bookTicker\""))
                .toList();
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        try (ReplayServer server = ReplayServer.builder().files(a, b).speed(ReplaySpeed.MAX).port(0).build().start();
                CamelContext camel = new DefaultCamelContext()) {
            // as the app does (STACK-NOTES ordering trap): one worker thread keeps the frames in order
            camel.getComponent("vertx-websocket", VertxWebsocketComponent.class)
                    .setVertxOptions(new VertxOptions().setWorkerPoolSize(1));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("vertx-websocket:127.0.0.1:" + server.port() + "/stream?consumeAsClient=true"
                            + "&streams=RAW(btcusdt@trade/btcusdt@bookTicker)")
                            .routeId("ingest-replay-test")
                            .process(e -> received.add(e.getMessage().getBody(String.class)));
                }
            });
            camel.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> server.finished() && received.size() >= expected.size());
            assertThat(received).containsExactlyElementsOf(expected);
        }
    }
}
