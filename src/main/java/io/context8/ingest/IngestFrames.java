package io.context8.ingest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.context8.errors.ErrorCounters;
import io.context8.errors.FailureLog;
import io.context8.redis.RedisStreamConstants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ingest routes' bean: adapts {@link BinanceNormalizer} and {@link DepthSequenceTracker} to exchanges.
 * Sets the envelope (a JSON tree) as body with headers {@code context8Type}, {@code context8Symbol}, and
 * {@code context8Resync=true} when a depth snapshot must be fetched after this frame; or
 * {@code context8Rejected=<reason>} for frames that are not market events.
 */
public class IngestFrames {

    public static final String REJECTED = "context8Rejected";
    public static final String REJECT_DETAIL = "context8RejectDetail";
    public static final String RESYNC = "context8Resync";
    /** Websocket frames longer than this (characters) are rejected unparsed; Binance's are a few KB. */
    public static final int MAX_FRAME_CHARS = 1 << 20;
    /** Reject reason of such frames. */
    public static final String FRAME_TOO_LARGE = "frame_too_large";

    /**
     * The {@code context8_errors_total{component="ingest"}} types registered at 0 at start: every reject reason,
     * and the failures of the ingest steps that have a name (schema guard, stale snapshot).
     */
    public static final List<String> KNOWN_ERROR_TYPES = List.of(NormalizedFrame.Reasons.MALFORMED_JSON,
            NormalizedFrame.Reasons.CONTROL_ACK, NormalizedFrame.Reasons.ERROR_FRAME, NormalizedFrame.Reasons.UNKNOWN_FRAME,
            NormalizedFrame.Reasons.UNSUPPORTED_STREAM, NormalizedFrame.Reasons.INVALID_FIELD,
            NormalizedFrame.Reasons.UNCONFIGURED_SYMBOL, FRAME_TOO_LARGE, "schema_violation", "stale_snapshot");

    private static final Logger LOG = LoggerFactory.getLogger(IngestFrames.class);

    private final BinanceNormalizer normalizer;
    private final DepthSequenceTracker sequence = new DepthSequenceTracker();
    private final IngestStatus status;
    private final MeterRegistry meters;
    /** Symbols ingested (upper case); null = every symbol. */
    private final Set<String> symbols;
    /** symbol -> type -> counter: two lookups per event, no key built. */
    private final Map<String, Map<String, Counter>> eventCounters = new ConcurrentHashMap<>();
    private final ErrorCounters errors;
    /** One WARN line per back-off step of a repeated failure (Redis down: every frame's append fails). */
    private final FailureLog failures = new FailureLog(LOG);
    private final Map<String, AtomicLong> rejectedByReason = new ConcurrentHashMap<>();
    /** Set on every websocket (re)connect, from a Vert.x thread; consumed on the route's thread. */
    private volatile boolean resetSequence;

    /** Accepts events of every symbol. */
    public IngestFrames(BinanceNormalizer normalizer, IngestStatus status, MeterRegistry meters) {
        this(normalizer, status, meters, null);
    }

    /**
     * @param symbols the configured symbols (upper case): events of any other symbol are rejected as
     *                {@code unconfigured_symbol} and never trigger a depth snapshot; null accepts every symbol
     */
    public IngestFrames(BinanceNormalizer normalizer, IngestStatus status, MeterRegistry meters, Set<String> symbols) {
        this.normalizer = normalizer;
        this.status = status;
        this.meters = meters;
        this.symbols = symbols == null ? null : Set.copyOf(symbols);
        this.errors = new ErrorCounters(meters, "ingest", KNOWN_ERROR_TYPES);
    }

    /** Normalizes the websocket frame in the body. */
    public void normalize(Exchange exchange) {
        long now = System.currentTimeMillis();
        status.onFrame(now);
        if (resetSequence) {
            resetSequence = false;
            sequence.reset(); // the next diff of every symbol asks for a fresh snapshot
        }
        String frame = exchange.getMessage().getBody(String.class);
        if (frame != null && frame.length() > MAX_FRAME_CHARS) {
            exchange.getMessage().setHeader(REJECTED, FRAME_TOO_LARGE);
            exchange.getMessage().setHeader(REJECT_DETAIL, frame.length() + " characters");
            return;
        }
        NormalizedFrame n = normalizer.normalize(frame, now);
        if (n instanceof NormalizedFrame.Event e && symbols != null && !symbols.contains(e.symbol())) {
            exchange.getMessage().setHeader(REJECTED, NormalizedFrame.Reasons.UNCONFIGURED_SYMBOL);
            exchange.getMessage().setHeader(REJECT_DETAIL, e.type() + " of " + e.symbol());
            return;
        }
        if (n instanceof NormalizedFrame.Event e) {
            setEvent(exchange, e);
            if (BinanceNormalizer.DELTAS.equals(e.type())
                    && sequence.onDiff(e.symbol(), e.firstUpdateId(), e.finalUpdateId())) {
                exchange.getMessage().setHeader(RESYNC, Boolean.TRUE);
                status.onResync();
            }
        } else {
            NormalizedFrame.Rejected r = (NormalizedFrame.Rejected) n;
            exchange.getMessage().setHeader(REJECTED, r.reason());
            exchange.getMessage().setHeader(REJECT_DETAIL, r.detail());
        }
    }

    /**
     * Normalizes the REST depth snapshot in the body for the symbol in header {@code context8Symbol}.
     *
     * @throws RejectedFrameException when the body is not a valid snapshot
     * @throws StaleSnapshotException when it is older than the buffered diffs (the route fetches again)
     */
    public void snapshot(Exchange exchange) {
        String symbol = exchange.getMessage().getHeader(RedisStreamConstants.SYMBOL, String.class);
        NormalizedFrame n = normalizer.snapshot(exchange.getMessage().getBody(String.class), symbol,
                System.currentTimeMillis());
        if (n instanceof NormalizedFrame.Rejected r) {
            throw new RejectedFrameException(r.reason(), r.detail());
        }
        NormalizedFrame.Event e = (NormalizedFrame.Event) n;
        if (!sequence.acceptSnapshot(symbol, e.finalUpdateId())) {
            throw new StaleSnapshotException("depth snapshot " + e.finalUpdateId() + " for " + symbol
                    + " is older than the buffered diffs; fetching again");
        }
        status.onSnapshot();
        setEvent(exchange, e);
    }

    /**
     * After every websocket (re)connect, and when stream writes work again after failures: the diff sequence
     * downstream is not trusted to be contiguous, so the next diff of each symbol triggers a fresh depth
     * snapshot (book resync downstream).
     */
    public void onConnected() {
        resetSequence = true;
    }

    /**
     * Analytics found {@code symbol}'s book wrong although its diffs chained (route
     * {@code consume-resync-requests}): restarts the symbol's diff sequence so that the snapshot fetched now and
     * the diffs after it are taken whatever ids came before.
     */
    public void restartSequence(String symbol) {
        sequence.restart(symbol);
        status.onResync();
    }

    /** Counts and logs a rejected frame (first of each reason at WARN, then every 1000th). */
    public void rejected(Exchange exchange) {
        String reason = exchange.getMessage().getHeader(REJECTED, "unknown", String.class);
        String detail = exchange.getMessage().getHeader(REJECT_DETAIL, "", String.class);
        status.onRejected();
        errors.increment(reason);
        long n = rejectedByReason.computeIfAbsent(reason, k -> new AtomicLong()).incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            LOG.warn("Rejected frame #{} of reason {}: {}", n, reason, detail);
        }
    }

    /** Counts and logs a failure of an ingest step (the route goes on with the next frame). */
    public void failed(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String type = t instanceof RejectedFrameException r ? r.reason() : t == null ? "unknown" : simpleName(t);
        status.onRejected();
        errors.increment(type);
        failures.failed(type, "Ingest step failed ({}): {}", type, t == null ? "" : t.getMessage());
    }

    /** Rejections so far by reason. */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> m = new java.util.TreeMap<>();
        rejectedByReason.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    private void setEvent(Exchange exchange, NormalizedFrame.Event e) {
        exchange.getMessage().setBody(e.envelope());
        exchange.getMessage().setHeader(RedisStreamConstants.TYPE, e.type());
        exchange.getMessage().setHeader(RedisStreamConstants.SYMBOL, e.symbol());
        status.onEvent();
        eventCounters.computeIfAbsent(e.symbol(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(e.type(), t -> Counter.builder("context8.events")
                        .description("Market events written to the stream").tag("symbol", e.symbol()).tag("type", t)
                        .register(meters)).increment();
    }

    private static String simpleName(Throwable t) {
        String n = t.getClass().getSimpleName();
        StringBuilder b = new StringBuilder();
        for (char c : n.replace("Exception", "").toCharArray()) {
            if (Character.isUpperCase(c) && b.length() > 0) {
                b.append('_');
            }
            b.append(Character.toLowerCase(c));
        }
        return b.toString();
    }
}
