package io.context8.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/** A real Vert.x websocket client that keeps every text message it receives, in order. */
final class WsTestClient implements AutoCloseable {

    final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    final WebSocket ws;
    final long connectedNanos;
    volatile long lastMessageNanos;
    private final WebSocketClient client;

    private WsTestClient(WebSocketClient client, WebSocket ws, long connectedNanos) {
        this.client = client;
        this.ws = ws;
        this.connectedNanos = connectedNanos;
    }

    static WsTestClient connect(Vertx vertx, int port, String uri) throws Exception {
        return connect(vertx, port, uri, new WebSocketClientOptions(), false);
    }

    /** Connects; with {@code paused} the socket is paused before its first message is handled. */
    static WsTestClient connect(Vertx vertx, int port, String uri, WebSocketClientOptions options, boolean paused)
            throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(options.setMaxFrameSize(65536).setMaxMessageSize(1 << 20));
        WsTestClient[] holder = new WsTestClient[1];
        WebSocket ws = client.connect(port, "127.0.0.1", uri).map(w -> {
            WsTestClient c = new WsTestClient(client, w, System.nanoTime());
            holder[0] = c;
            if (paused) {
                w.pause();
            }
            w.textMessageHandler(text -> {
                c.messages.add(text);
                c.lastMessageNanos = System.nanoTime();
            });
            return w;
        }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return holder[0];
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
