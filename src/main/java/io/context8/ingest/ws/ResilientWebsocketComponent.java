package io.context8.ingest.ws;

import java.util.function.DoubleSupplier;

import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;

import io.context8.ingest.ReconnectBackoff;

/**
 * camel-vertx-websocket with the client reconnect replaced: the stock client consumer retries at a fixed
 * {@code reconnectInterval}; here a lost connection is retried after {@link ReconnectBackoff} delays
 * (exponential with jitter), a connection is closed and re-opened on purpose after {@code maxConnectionAgeMs}
 * (Binance cuts every connection at 24 h), and a {@link ConnectionListener} hears about every open and close
 * so ingest can resync, and the socket is paused while too many frames wait for the route (back-pressure).
 * Server mode and the producer are unchanged. Registered under its own scheme.
 */
@org.apache.camel.spi.annotations.Component("vertx-websocket") // the stock generated option configurers apply
public class ResilientWebsocketComponent extends VertxWebsocketComponent {

    private final ReconnectBackoff backoff;
    private final long maxConnectionAgeMs;
    private final ConnectionListener listener;
    private final DoubleSupplier random;
    private int maxFramesInFlight = 10_000;
    private final java.util.concurrent.atomic.AtomicInteger inFlightHighWater = new java.util.concurrent.atomic.AtomicInteger();

    public ResilientWebsocketComponent(ReconnectBackoff backoff, long maxConnectionAgeMs, ConnectionListener listener,
            DoubleSupplier random) {
        this.backoff = backoff;
        this.maxConnectionAgeMs = maxConnectionAgeMs;
        this.listener = listener;
        this.random = random;
    }

    /**
     * Largest websocket message the client accepts (bytes). Vert.x's default is 256 KiB, and a longer message
     * closes the connection before the route sees it (only logged): with room up to 16 MiB, a frame over ingest's
     * own 1 MiB limit reaches the route and is counted as {@code frame_too_large}.
     */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;

    @Override
    protected VertxWebsocketEndpoint createEndpointInstance(String uri, VertxWebsocketConfiguration configuration) {
        if (configuration.getClientOptions() == null) {
            configuration.setClientOptions(new io.vertx.core.http.HttpClientOptions()
                    .setMaxWebSocketMessageSize(MAX_MESSAGE_BYTES));
        }
        return new ResilientWebsocketEndpoint(uri, this, configuration);
    }

    /** Frames received but not yet processed before the websocket is paused (resumed at half). */
    public void setMaxFramesInFlight(int maxFramesInFlight) {
        if (maxFramesInFlight < 2) {
            throw new IllegalArgumentException("maxFramesInFlight must be >= 2");
        }
        this.maxFramesInFlight = maxFramesInFlight;
    }

    public int maxFramesInFlight() {
        return maxFramesInFlight;
    }

    /** The most frames that were received and not yet processed at one time. */
    public int inFlightHighWater() {
        return inFlightHighWater.get();
    }

    void noteInFlight(int n) {
        inFlightHighWater.accumulateAndGet(n, Math::max);
    }

    ReconnectBackoff backoff() {
        return backoff;
    }

    long maxConnectionAgeMs() {
        return maxConnectionAgeMs;
    }

    ConnectionListener listener() {
        return listener;
    }

    double random() {
        return random.getAsDouble();
    }
}
