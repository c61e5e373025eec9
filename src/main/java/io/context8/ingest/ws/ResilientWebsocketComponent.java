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
 * so ingest can resync. Server mode and the producer are unchanged. Registered under its own scheme.
 */
@org.apache.camel.spi.annotations.Component("vertx-websocket") // the stock generated option configurers apply
public class ResilientWebsocketComponent extends VertxWebsocketComponent {

    private final ReconnectBackoff backoff;
    private final long maxConnectionAgeMs;
    private final ConnectionListener listener;
    private final DoubleSupplier random;

    public ResilientWebsocketComponent(ReconnectBackoff backoff, long maxConnectionAgeMs, ConnectionListener listener,
            DoubleSupplier random) {
        this.backoff = backoff;
        this.maxConnectionAgeMs = maxConnectionAgeMs;
        this.listener = listener;
        this.random = random;
    }

    @Override
    protected VertxWebsocketEndpoint createEndpointInstance(String uri, VertxWebsocketConfiguration configuration) {
        return new ResilientWebsocketEndpoint(uri, this, configuration);
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
