package io.context8.ingest.ws;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/** Endpoint of {@link ResilientWebsocketComponent}: its client consumer reconnects with back-off. */
public class ResilientWebsocketEndpoint extends VertxWebsocketEndpoint {

    ResilientWebsocketEndpoint(String uri, ResilientWebsocketComponent component, VertxWebsocketConfiguration configuration) {
        super(uri, component, configuration);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (!getConfiguration().isConsumeAsClient()) {
            return super.createConsumer(processor);
        }
        ResilientWebsocketClientConsumer consumer = new ResilientWebsocketClientConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public ResilientWebsocketComponent getComponent() {
        return (ResilientWebsocketComponent) super.getComponent();
    }

    /** The open connection, or a new one when there is none or it was closed (blocks until connected). */
    WebSocket connect() throws Exception {
        return getWebSocket();
    }

    Vertx vertx() {
        return getVertx();
    }
}
