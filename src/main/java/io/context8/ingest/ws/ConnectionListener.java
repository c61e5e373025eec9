package io.context8.ingest.ws;

/** Told when the ingest websocket connection opens and closes (called on Vert.x threads). */
public interface ConnectionListener {

    /** A connection was opened: {@code reconnect} is false for the first one of the route's start. */
    void onConnected(boolean reconnect);

    /** The connection was lost (or closed for a planned reconnect). */
    void onDisconnected(boolean planned);
}
