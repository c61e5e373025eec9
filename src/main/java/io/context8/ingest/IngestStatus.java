package io.context8.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What ingest knows about its feed, published to Redis as a heartbeat so that the analytics role (possibly in
 * another process) can tell "the exchange is quiet" from "ingest is not receiving anything".
 */
public final class IngestStatus {

    private final long silentAfterMs;
    private final FeedSource source;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private volatile boolean connected;
    private volatile long lastFrameMs = -1;

    /** @param silentAfterMs no frame for this long means the websocket is {@code silent} */
    public IngestStatus(long silentAfterMs) {
        this(silentAfterMs, FeedSource.of("live", null, java.util.List.of()));
    }

    /**
     * @param silentAfterMs no frame for this long means the websocket is {@code silent}
     * @param source        where the frames come from (written into the heartbeat)
     */
    public IngestStatus(long silentAfterMs, FeedSource source) {
        this.silentAfterMs = silentAfterMs;
        this.source = source;
    }

    public void onFrame(long nowMs) {
        frames.incrementAndGet();
        lastFrameMs = nowMs;
    }

    public void onEvent() {
        events.incrementAndGet();
    }

    public void onRejected() {
        rejected.incrementAndGet();
    }

    public void onSnapshot() {
        snapshots.incrementAndGet();
    }

    /** The websocket connection opened (first connect or reconnect). */
    public void onConnected() {
        connects.incrementAndGet();
        connected = true;
    }

    /** The websocket connection was lost or closed for a planned reconnect. */
    public void onDisconnected() {
        disconnects.incrementAndGet();
        connected = false;
    }

    public boolean connected() {
        return connected;
    }

    public void onResync() {
        resyncs.incrementAndGet();
    }

    /**
     * {@code receiving} when connected and a frame arrived within the silence limit, else {@code silent}
     * (disconnected, or connected without frames).
     */
    public String websocket(long nowMs) {
        long last = lastFrameMs;
        return connected && last >= 0 && nowMs - last <= silentAfterMs ? "receiving" : "silent";
    }

    /** The heartbeat document (allocates). */
    public Map<String, Object> heartbeat(long nowMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("websocket", websocket(nowMs));
        m.put("last_frame_ms", lastFrameMs < 0 ? null : lastFrameMs);
        m.put("frames", frames.get());
        m.put("events", events.get());
        m.put("rejected", rejected.get());
        m.put("snapshots", snapshots.get());
        m.put("resyncs", resyncs.get());
        m.put("connected", connected);
        m.put("connects", connects.get());
        m.put("disconnects", disconnects.get());
        m.put("updated_ms", nowMs);
        m.put("source", source.toMap());
        return m;
    }

    public long frames() {
        return frames.get();
    }

    public long events() {
        return events.get();
    }

    public long rejected() {
        return rejected.get();
    }
}
