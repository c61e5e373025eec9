package io.context8.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** After every websocket (re)connect ingest asks for a fresh depth snapshot, even if the diffs look contiguous. */
class IngestReconnectResyncTest {

    private final IngestStatus status = new IngestStatus(5_000);
    private final IngestFrames frames = new IngestFrames(new BinanceNormalizer(new ObjectMapper(), "binance"), status,
            new SimpleMeterRegistry());
    private final CamelContext camel = new DefaultCamelContext();

    private boolean resyncAfter(long first, long last) {
        Exchange ex = new DefaultExchange(camel);
        ex.getMessage().setBody("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":7,"
                + "\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + last + ",\"b\":[[\"1.0\",\"2.0\"]],\"a\":[]}}");
        frames.normalize(ex);
        return Boolean.TRUE.equals(ex.getMessage().getHeader(IngestFrames.RESYNC, Boolean.class));
    }

    @Test
    void theFirstDiffAfterAReconnectTriggersASnapshot() {
        assertThat(resyncAfter(10, 12)).as("first diff ever").isTrue();
        assertThat(resyncAfter(13, 14)).as("contiguous").isFalse();
        frames.onConnected();
        assertThat(resyncAfter(15, 16)).as("first diff of the new connection, although contiguous").isTrue();
        assertThat(resyncAfter(17, 18)).isFalse();
    }

    @Test
    void theStatusShowsTheConnectionState() {
        status.onFrame(1_000);
        assertThat(status.websocket(1_000)).as("frames but never connected").isEqualTo("silent");
        status.onConnected();
        assertThat(status.websocket(1_000)).isEqualTo("receiving");
        status.onDisconnected();
        assertThat(status.websocket(1_000)).as("disconnected: silent at once, not after the silence limit")
                .isEqualTo("silent");
        assertThat(status.heartbeat(1_000)).containsEntry("connected", false).containsEntry("connects", 1L)
                .containsEntry("disconnects", 1L);
    }
}
