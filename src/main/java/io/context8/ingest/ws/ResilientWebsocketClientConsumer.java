package io.context8.ingest.ws;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketClientConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/**
 * Client consumer that keeps the stock message and error handling but owns reconnection: on close it waits
 * {@link io.context8.ingest.ReconnectBackoff} delays between attempts (the attempt counter resets once a
 * connection is open), and each connection is closed on purpose after {@code maxConnectionAgeMs}.
 *
 * <p>Back-pressure: the stock consumer hands every frame to the Vert.x worker pool, whose queue is unbounded,
 * so a feed faster than the route filled the heap (found by the soak test). Here the websocket is paused
 * when {@code maxFramesInFlight} frames are received but not yet processed, and resumed when half of them
 * are done; the sender then sees TCP back-pressure.
 */
public class ResilientWebsocketClientConsumer extends VertxWebsocketClientConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientWebsocketClientConsumer.class);

    private final ResilientWebsocketEndpoint endpoint;
    private int attempt;
    private boolean connectedBefore;
    private long ageTimer = -1;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile WebSocket current;
    private volatile boolean running;
    private final SynchronizationAdapter frameDone = new SynchronizationAdapter() {
        @Override
        public void onDone(Exchange exchange) {
            frameDone();
        }
    };

    ResilientWebsocketClientConsumer(ResilientWebsocketEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        connectedBefore = false;
        attempt = 0;
        running = true;
        // The first connection is opened in the background like every later one (the stock consumer blocks
        // the start until connected): a feed that is down or slow to answer at start-up holds up nothing else,
        // the readiness check shows the websocket state, and failed attempts are retried with the back-off.
        connectAfter(0);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        cancelAgeTimer();
        super.doStop();
    }

    @Override
    protected void configureWebSocketHandlers(WebSocket webSocket) {
        super.configureWebSocketHandlers(webSocket);
        current = webSocket;
        if (paused.get()) {
            webSocket.pause(); // frames of the previous connection are still being worked off
        }
        ResilientWebsocketComponent component = endpoint.getComponent();
        AtomicBoolean planned = new AtomicBoolean();
        webSocket.closeHandler(v -> onClosed(planned.get())); // replaces the stock fixed-interval reconnect
        boolean reconnect = connectedBefore;
        connectedBefore = true;
        attempt = 0;
        component.listener().onConnected(reconnect);
        cancelAgeTimer();
        long age = component.maxConnectionAgeMs();
        if (age > 0) {
            ageTimer = endpoint.vertx().setTimer(age, id -> {
                LOG.info("Planned reconnect: the connection to {} is {} ms old", webSocket.remoteAddress(), age);
                planned.set(true);
                webSocket.close();
            });
        }
    }

    @Override
    protected void handleResult(Object result) {
        int n = inFlight.incrementAndGet();
        endpoint.getComponent().noteInFlight(n);
        if (n >= endpoint.getComponent().maxFramesInFlight() && paused.compareAndSet(false, true)) {
            WebSocket ws = current;
            if (ws != null) {
                ws.pause();
            }
        }
        super.handleResult(result);
    }

    @Override
    protected void processExchange(Exchange exchange) {
        exchange.getExchangeExtension().addOnCompletion(frameDone);
        super.processExchange(exchange);
    }

    private void frameDone() {
        int n = inFlight.decrementAndGet();
        if (n <= endpoint.getComponent().maxFramesInFlight() / 2 && paused.compareAndSet(true, false)) {
            WebSocket ws = current;
            if (ws != null) {
                ws.resume();
            }
        }
    }

    private void onClosed(boolean planned) {
        cancelAgeTimer();
        if (!running) {
            return;
        }
        endpoint.getComponent().listener().onDisconnected(planned);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        ResilientWebsocketComponent component = endpoint.getComponent();
        long delay = component.backoff().delayMs(attempt, component.random());
        LOG.warn("Websocket not connected; connect attempt {} in {} ms", attempt + 1, delay);
        attempt++;
        connectAfter(delay);
    }

    private void connectAfter(long delayMs) {
        Vertx vertx = endpoint.vertx();
        Runnable connect = () -> vertx.executeBlocking(() -> {
            if (running) {
                configureWebSocketHandlers(endpoint.connect());
            }
            return null;
        }, false).onFailure(e -> {
            LOG.warn("Websocket connect failed: {}", e.toString());
            if (running) {
                scheduleReconnect();
            }
        });
        if (delayMs <= 0) {
            connect.run();
        } else {
            vertx.setTimer(delayMs, id -> connect.run());
        }
    }

    private void cancelAgeTimer() {
        if (ageTimer >= 0) {
            endpoint.vertx().cancelTimer(ageTimer);
            ageTimer = -1;
        }
    }
}
