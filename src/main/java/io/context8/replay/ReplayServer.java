package io.context8.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

/**
 * A Binance-Spot-compatible server that plays recordings ({@link RecordingFile} format) so that a client
 * written for Binance (the app's ingest route) connects to it exactly as to {@code stream.binance.com} and
 * {@code api.binance.com}.
 *
 * <h2>Wire protocol</h2>
 * <ul>
 * <li>Websocket {@code GET /stream?streams=a@trade/a@depth@100ms/...} (combined streams; names are matched
 * lower-case, URL-encoding is decoded). Every recorded combined-stream frame whose stream was subscribed is
 * sent as one text message, verbatim. Unknown stream names are accepted and receive nothing. The
 * {@code SUBSCRIBE}, {@code UNSUBSCRIBE} and {@code LIST_SUBSCRIPTIONS} JSON requests are answered like
 * Binance ({@code {"result":null,"id":N}}). Pings are answered (Vert.x) and the server pings every 20 s.
 * Inline REST snapshot lines are never sent.</li>
 * <li>REST {@code GET /api/v3/depth?symbol=BTCUSDT&limit=N} (default 100, 1..5000): the book of that symbol
 * as of the current playback position (see {@link ReplayBook}): it starts as the first snapshot recorded for
 * the symbol (looked ahead in the files, since recorders fetch it after the first diffs), and every diff
 * played is applied to it when its {@code u} is above the book's {@code lastUpdateId}. So before any diff
 * past the snapshot is played the answer is exactly the recorded snapshot; a client following Binance's
 * procedure syncs either way. A snapshot line reached later replaces the book only if it is newer. For a
 * recording without any snapshot the book is built from diffs alone: it is PARTIAL (only levels that diffs
 * touched) and starts empty with {@code lastUpdateId} 0. Errors as Binance: HTTP 400 with
 * {@code {"code":-1121,"msg":"Invalid symbol."}} (symbol not served), {@code -1102} (symbol missing),
 * {@code -1100} (malformed symbol or limit); unknown paths answer 404. {@code /api/v3/ping} and
 * {@code /api/v3/time} are served too. HTTP/1.1 only (cleartext HTTP/2 upgrade is refused, as the JDK
 * client would otherwise receive an oversized h2 frame).</li>
 * </ul>
 *
 * <h2>Playback</h2>
 * Files are played in the given order as one feed. Each file belongs to one symbol, inferred from its first
 * combined-stream frame; its snapshot lines belong to that symbol. The clock starts when the first websocket
 * client connects. The speed ({@link ReplaySpeed}) scales the recorded local timestamps; a negative step, or a
 * jump above one second between the last frame of a file and the first of the next, counts as zero.
 * Backpressure is always respected: after each batch the playback waits until every connection's write
 * queue has drained, so memory stays bounded and no frame is dropped; a slow client therefore slows the
 * feed for everyone (at timed speeds the feed then catches up by sending late frames at once).
 *
 * <p><b>Several clients share one live position</b>, like Binance: a client that connects later receives
 * the frames from the current position onward, not from the start. Once started, the playback runs on even
 * when every client has gone (at {@code max} it then races to the end), so a reconnecting client misses what
 * was played meanwhile, as on Binance; restart the server to replay from the start. After the last frame the
 * connections stay open (a quiet market) and the depth endpoint keeps answering the final book ("Replay ended"
 * is logged at INFO, {@link #state()} is {@code ended}). With {@link Builder#loop(boolean)} the files are played
 * again and again, each pass as new market data that continues the previous one ({@link ReplayLoop}: ids and
 * times shifted, a bridge diff at the seam, no gap in the diff chain); the end of each pass is logged at INFO.
 * With {@link Builder#simulated(SimulatedMarket)} the feed is a synthetic market generated without end instead
 * of recordings (same wire protocol, same REST book).
 * {@link #startAt(Duration)} starts the feed later in the recording (the book still follows every line before
 * it), e.g. to restart a killed server where the market would be after an outage.
 *
 * <p>The server runs on its own Vert.x instance (one event loop), never on Camel's.
 */
public final class ReplayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayServer.class);

    private static final String DEPTH_PATH = "/api/v3/depth";
    private static final int BATCH = 256;
    private static final long MAX_FILE_GAP_NANOS = 1_000_000_000L;
    private static final long PING_INTERVAL_MS = 20_000;
    private static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9-_.]{1,20}$");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]{1,20}$");

    private final List<Path> files;
    private final SimulatedMarket simulated;
    private final boolean loop;
    private final int maxPasses;
    private final ReplaySpeed speed;
    private final String host;
    private final int requestedPort;
    private final ObjectMapper mapper = new ObjectMapper();

    private final Map<String, ReplayBook> books = new LinkedHashMap<>();
    private final List<String> fileSymbols = new ArrayList<>();
    private final RecordedIncrements increments = new RecordedIncrements(); // filled by scan, then read-only
    private final List<Connection> connections = new ArrayList<>(); // event loop only
    private long startDelayMs = 500;
    private long startAtNanos;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong framesPlayed = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong malformedDiffs = new AtomicLong();
    private volatile Throwable failure;
    private volatile boolean finished;
    private volatile boolean stopped;
    private volatile int currentFile = -1;
    private volatile int pass;
    private long totalFrames;
    private final ReplayLoop loopPlan = new ReplayLoop();
    /** Symbol -> its book right after the first diff it applied (loop: the bridge target). */
    private final Map<String, ReplayBook.Snapshot> bridgeTargets = new java.util.concurrent.ConcurrentHashMap<>();
    /** Symbol -> the bridge of the current pass, until the diff it stands in for (playback thread only). */
    private final Map<String, ReplayBook.Snapshot> pendingBridges = new HashMap<>();
    // virtual clock, playback thread only
    private double virtualNanos;
    private double sentFromNanos = -1;
    private long previousTs = Long.MIN_VALUE;
    private long clockStart;

    private Vertx vertx;
    private Context context;
    private HttpServer server;
    private Thread playback;
    private CompletableFuture<Void> pending; // playback thread only

    /**
     * @param files recordings to play, in order (at least one)
     * @param speed playback speed
     * @param host  interface to bind, e.g. {@code 127.0.0.1}
     * @param port  port to bind; 0 picks a free one (see {@link #port()})
     */
    public ReplayServer(List<Path> files, ReplaySpeed speed, String host, int port) {
        this(files, null, false, 0, speed, host, port);
    }

    private ReplayServer(List<Path> files, SimulatedMarket simulated, boolean loop, int maxPasses, ReplaySpeed speed,
            String host, int port) {
        Objects.requireNonNull(files, "files");
        if (files.isEmpty() && simulated == null) {
            throw new IllegalArgumentException("Replay needs at least one recording file");
        }
        if (maxPasses < 0) {
            throw new IllegalArgumentException("passes must be >= 0 (0 = without end)");
        }
        this.simulated = simulated;
        this.loop = loop;
        this.maxPasses = maxPasses;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Replay port must be 0..65535, got " + port);
        }
        this.files = List.copyOf(files);
        this.speed = Objects.requireNonNull(speed, "speed");
        this.host = Objects.requireNonNull(host, "host");
        this.requestedPort = port;
    }

    /**
     * Waits this long after the first client connects before playing (default 500 ms). Real exchanges stream at
     * once, and a client that attaches its message handler only after the handshake (Camel's websocket client
     * does) loses the first frames; a replay is meant to lose nothing.
     */
    public ReplayServer startDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("start delay must not be negative");
        }
        this.startDelayMs = delay.toMillis();
        return this;
    }

    /**
     * Starts the feed this far into the recording (default 0), on the same clock as the speed (recorded local
     * timestamps from the first line; negative steps and gaps above one second between files count as zero).
     * The lines before it are not sent, but their depth diffs and snapshots are applied to the REST book, so
     * the book answers as of the new position: like Binance to a client that reconnects after an outage, the
     * feed has gone on without it. An offset past the end plays nothing and leaves the final book.
     */
    public ReplayServer startAt(Duration offset) {
        if (offset.isNegative()) {
            throw new IllegalArgumentException("start offset must not be negative");
        }
        if (vertx != null) {
            throw new IllegalStateException("set the start offset before start()");
        }
        this.startAtNanos = offset.toNanos();
        return this;
    }

    /** A builder; defaults: speed {@code max}, host {@code 127.0.0.1}, port 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link ReplayServer}. */
    public static final class Builder {
        private List<Path> files = List.of();
        private ReplaySpeed speed = ReplaySpeed.MAX;
        private String host = "127.0.0.1";
        private int port;
        private SimulatedMarket simulated;
        private boolean loop;
        private int passes;

        private Builder() {
        }

        /** Plays the files again and again, each pass continuing the previous one (see {@link ReplayLoop}). */
        public Builder loop(boolean loop) {
            this.loop = loop;
            return this;
        }

        /** With {@link #loop(boolean)}: stop after this many passes (0, the default, = without end). */
        public Builder passes(int passes) {
            this.passes = passes;
            return this;
        }

        /** Serves the simulated market instead of recordings (no files needed). */
        public Builder simulated(SimulatedMarket market) {
            this.simulated = market;
            return this;
        }

        public Builder files(List<Path> files) {
            this.files = files;
            return this;
        }

        public Builder files(Path... files) {
            return files(List.of(files));
        }

        public Builder speed(ReplaySpeed speed) {
            this.speed = speed;
            return this;
        }

        /** Parses the speed, see {@link ReplaySpeed#parse(String)}. */
        public Builder speed(String speed) {
            return speed(ReplaySpeed.parse(speed));
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public ReplayServer build() {
            if (simulated != null && !files.isEmpty()) {
                throw new IllegalArgumentException("Replay serves either recordings or the simulated market, not both");
            }
            return new ReplayServer(files, simulated, loop, loop ? passes : 0, speed, host, port);
        }
    }

    /**
     * Scans the files (symbol of each, first snapshot per symbol, frame count), binds the port and returns
     * once listening. Playback starts when the first websocket client connects.
     *
     * @throws UncheckedIOException when a file cannot be read or the port cannot be bound
     * @throws IllegalStateException when called twice
     */
    public synchronized ReplayServer start() {
        if (vertx != null) {
            throw new IllegalStateException("Replay server already started");
        }
        scan();
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        context = vertx.getOrCreateContext();
        CompletableFuture<HttpServer> bound = new CompletableFuture<>();
        context.runOnContext(v -> {
            HttpServer s = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(requestedPort)
                    .setHttp2ClearTextEnabled(false)
                    .setMaxWebSocketFrameSize(65536).setMaxWebSocketMessageSize(1 << 24));
            s.requestHandler(this::handleHttp).webSocketHandler(this::handleWebSocket);
            s.listen().onComplete(ar -> {
                if (ar.succeeded()) {
                    bound.complete(ar.result());
                } else {
                    bound.completeExceptionally(ar.cause());
                }
            });
        });
        try {
            server = bound.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("Interrupted while binding the replay server", e);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new UncheckedIOException(new IOException(
                    "Replay server cannot listen on " + host + ":" + requestedPort + ": " + cause.getMessage(), cause));
        }
        return this;
    }

    /** The bound port (the actual one when 0 was requested); -1 before {@link #start()}. */
    public int port() {
        HttpServer s = server;
        return s == null ? -1 : s.actualPort();
    }

    /** The bound host. */
    public String host() {
        return host;
    }

    /** The playback speed. */
    public ReplaySpeed speed() {
        return speed;
    }

    /** Symbols served (upper case), in file order. */
    public Set<String> symbols() {
        return Set.copyOf(books.keySet());
    }

    /** Recording lines played so far (frames and snapshot lines, sent or not): the playback position. */
    public long position() {
        return framesPlayed.get();
    }

    /** Recording lines in all files (known after {@link #start()}). */
    public long totalFrames() {
        return totalFrames;
    }

    /** Websocket messages written so far, summed over all connections. */
    public long framesSent() {
        return framesSent.get();
    }

    /** The file being played, or empty before playback starts or after it ends. */
    public java.util.Optional<Path> currentFile() {
        int i = currentFile;
        return i < 0 || finished ? java.util.Optional.empty() : java.util.Optional.of(files.get(i));
    }

    /** True once the playback has started (first websocket client connected). */
    public boolean playing() {
        return started.get();
    }

    /** True once every frame of every file has been played (with loop: of the last pass, if limited). */
    public boolean finished() {
        return finished;
    }

    /** The current pass, counted from 1 (0 before playback starts). */
    public int pass() {
        return started.get() ? pass + 1 : 0;
    }

    /**
     * The feed's state for users (the ingest heartbeat's {@code replay_state}): {@code waiting} (no client yet),
     * {@code playing} (recordings, no loop; or the simulated market), {@code pass N} (loop, N from 1),
     * {@code ended} (every frame played: the feed stays open with no new data), {@code failed}.
     */
    public String state() {
        if (failure != null) {
            return "failed";
        }
        if (finished) {
            return "ended";
        }
        if (!started.get()) {
            return "waiting";
        }
        return loop ? "pass " + (pass + 1) : "playing";
    }

    /** True when the feed is the simulated market. */
    public boolean isSimulated() {
        return simulated != null;
    }

    /** Depth diffs or snapshots that could not be parsed: still sent verbatim, not applied to the book. */
    public long malformedBookFrames() {
        return malformedDiffs.get();
    }

    /** Why the playback stopped early (unreadable file), if it did; the server keeps serving. */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** Stops the playback, closes every connection and the Vert.x instance; waits up to 10 s. */
    public synchronized void stop() {
        stopped = true;
        Thread t = playback;
        if (t != null) {
            t.interrupt();
        }
        Vertx v = vertx;
        if (v != null) {
            try {
                v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // closing anyway
            }
        }
        if (t != null) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    // ---------------------------------------------------------------- scan

    private void scan() {
        if (simulated != null) {
            for (String symbol : simulated.symbols()) {
                books.computeIfAbsent(symbol, ReplayBook::new).applySnapshot(simulated.initialSnapshot(symbol));
            }
            totalFrames = -1;
            return;
        }
        Map<String, ReplayBook.Snapshot> firstSnapshot = new HashMap<>();
        long total = 0;
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("Recording not readable: " + file);
            }
            String symbol = null;
            String pendingSnapshot = null;
            String fileKey = "file:" + file;
            try (RecordingFile.Reader r = RecordingFile.open(file)) {
                while (r.hasNext()) {
                    RecordedFrame f = r.next();
                    total++;
                    increments.observe(fileKey, f.frame());
                    if (loop) {
                        observe(f, symbol);
                    }
                    if (f.isDepthSnapshot()) {
                        if (pendingSnapshot == null && (symbol == null || !firstSnapshot.containsKey(symbol))) {
                            pendingSnapshot = f.frame();
                        }
                    } else if (symbol == null) {
                        String stream = streamName(f.frame());
                        if (stream != null) {
                            symbol = symbolOf(stream);
                        }
                    }
                    if (symbol != null && pendingSnapshot != null) {
                        firstSnapshot.putIfAbsent(symbol, ReplayBook.parseSnapshot(mapper, pendingSnapshot));
                        pendingSnapshot = null;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read recording " + file, e);
            }
            if (symbol == null) {
                throw new IllegalArgumentException("Recording " + file
                        + " has no combined-stream frame ({\"stream\":...}): its symbol is unknown");
            }
            fileSymbols.add(symbol);
            increments.merge(fileKey, symbol);
            books.computeIfAbsent(symbol, ReplayBook::new);
        }
        firstSnapshot.forEach((symbol, snap) -> books.get(symbol).applySnapshot(snap));
        totalFrames = total;
    }

    /** Loop: notes the ids and times of a recorded line (a snapshot's before the file's symbol is known is lost). */
    private void observe(RecordedFrame f, String fileSymbol) {
        if (f.isDepthSnapshot()) {
            if (fileSymbol != null) {
                loopPlan.observeSnapshot(fileSymbol, ReplayLoop.read(f.frame(), "lastUpdateId"));
            }
            return;
        }
        String stream = streamName(f.frame());
        if (stream != null) {
            loopPlan.observe(symbolOf(stream), stream, f.frame());
        }
    }

    /** The stream name of a combined-stream frame, or null. */
    static String streamName(String frame) {
        String prefix = "{\"stream\":\"";
        if (!frame.startsWith(prefix)) {
            return null;
        }
        int end = frame.indexOf('"', prefix.length());
        return end < 0 ? null : frame.substring(prefix.length(), end);
    }

    private static String symbolOf(String stream) {
        int at = stream.indexOf('@');
        return (at < 0 ? stream : stream.substring(0, at)).toUpperCase(Locale.ROOT);
    }

    /** True for diff-depth streams ({@code <s>@depth}, {@code <s>@depth@100ms}), not partial books. */
    static boolean isDiffStream(String stream) {
        int at = stream.indexOf('@');
        if (at < 0) {
            return false;
        }
        String type = stream.substring(at + 1);
        return type.equals("depth") || type.startsWith("depth@");
    }

    // ---------------------------------------------------------------- playback

    /** One recording line ready for the event loop: what to send and what to apply to a book. */
    private record Item(String frame, String stream, ReplayBook book, Object bookUpdate) {
    }

    private void play() {
        List<Item> batch = new ArrayList<>(BATCH);
        clockStart = System.nanoTime();
        try {
            if (simulated != null) {
                playSimulated(batch);
                return;
            }
            for (int p = 0; !stopped && (p == 0 || (loop && (maxPasses == 0 || p < maxPasses))); p++) {
                pass = p;
                double passStart = virtualNanos;
                if (p > 0) {
                    prepareBridges(p);
                    virtualNanos += ReplayLoop.SEAM_MS * 1e6;
                    passStart = virtualNanos;
                    previousTs = Long.MIN_VALUE;
                }
                for (int i = 0; i < files.size() && !stopped; i++) {
                    currentFile = i;
                    ReplayBook fileBook = books.get(fileSymbols.get(i));
                    boolean firstOfFile = true;
                    try (RecordingFile.Reader r = RecordingFile.open(files.get(i))) {
                        while (r.hasNext()) {
                            if (stopped) {
                                return;
                            }
                            RecordedFrame f = r.next();
                            if (p == 0) {
                                playLine(batch, f, item(f, fileBook), firstOfFile);
                            } else {
                                playLine(batch, f, passItems(f, p), firstOfFile);
                            }
                            firstOfFile = false;
                        }
                    }
                }
                flush(batch);
                awaitPending();
                boolean more = loop && (maxPasses == 0 || p + 1 < maxPasses) && !stopped;
                if (more) {
                    LOG.info("Replay pass {} ended after {} s of market time; looping", p + 1,
                            String.format(Locale.ROOT, "%.1f", (virtualNanos - passStart) / 1e9));
                }
            }
            finished = true;
            LOG.info("Replay ended: {} frames played{}; the feed stays open with no new data", framesPlayed.get(),
                    loop ? " in " + (pass + 1) + " passes" : "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                String where = simulated != null ? "the simulated market" : files.get(Math.max(0, currentFile)).toString();
                failure = new IllegalStateException("Replay failed in " + where, e);
                LOG.error("Replay stopped early: {}", failure.getMessage(), e);
            }
        }
    }

    /** The simulated market: lines without end, on the same clock and delivery as recordings. */
    private void playSimulated(List<Item> batch) throws InterruptedException {
        java.util.Iterator<RecordedFrame> lines = simulated.frames();
        while (!stopped && lines.hasNext()) {
            RecordedFrame f = lines.next();
            playLine(batch, f, item(f, null), false);
        }
        flush(batch);
        awaitPending();
    }

    /**
     * Adds a line's items to the batch on the virtual clock (recorded local timestamps from the first line;
     * negative steps, and steps above one second at a file's first line, count as zero): before the start offset
     * book only, at timed speeds when due.
     */
    private void playLine(List<Item> batch, RecordedFrame f, List<Item> items, boolean firstOfFile)
            throws InterruptedException {
        long ts = f.localEpochNanos();
        if (previousTs != Long.MIN_VALUE) {
            long step = ts - previousTs;
            if (step < 0 || (firstOfFile && step > MAX_FILE_GAP_NANOS)) {
                step = 0;
            }
            virtualNanos += step;
        }
        previousTs = ts;
        if (virtualNanos < startAtNanos) {
            for (Item it : items) {
                batch.add(unsent(it)); // before the start offset: book only
            }
            if (batch.size() >= BATCH) {
                flush(batch);
            }
            return;
        }
        if (sentFromNanos < 0) {
            sentFromNanos = virtualNanos;
            clockStart = System.nanoTime();
        }
        if (!speed.isMax()) {
            long due = clockStart + (long) ((virtualNanos - sentFromNanos) / speed.factor());
            if (System.nanoTime() < due) {
                flush(batch);
                parkUntil(due);
            }
        }
        batch.addAll(items);
        if (batch.size() >= BATCH) {
            flush(batch);
        }
    }

    private void playLine(List<Item> batch, RecordedFrame f, Item item, boolean firstOfFile)
            throws InterruptedException {
        playLine(batch, f, List.of(item), firstOfFile);
    }

    /**
     * Loop, at the start of pass {@code p} (the previous pass delivered and drained, so each book is at its end
     * state): the bridge of each symbol from its end book to its first applied book, with that book's id shifted.
     */
    private void prepareBridges(int p) {
        pendingBridges.clear();
        bridgeTargets.forEach((symbol, target) -> {
            long id = target.lastUpdateId() + p * loopPlan.shiftPerPass(symbol, ReplayLoop.Kind.UPDATE);
            pendingBridges.put(symbol, books.get(symbol).bridgeTo(
                    new ReplayBook.Snapshot(id, target.bids(), target.asks())));
        });
    }

    /**
     * Loop, pass {@code p} > 0: a recorded line as sent in this pass. Snapshot lines are not replayed; a symbol's
     * diffs up to its first applied one are replaced by the bridge (sent in place of that diff); every other frame
     * has its ids and times shifted.
     */
    private List<Item> passItems(RecordedFrame f, int p) {
        if (f.isDepthSnapshot()) {
            return List.of(new Item(f.frame(), null, null, null));
        }
        String stream = streamName(f.frame());
        if (stream == null) {
            return List.of(new Item(f.frame(), null, null, null));
        }
        String symbol = symbolOf(stream);
        ReplayBook.Snapshot bridge = pendingBridges.get(symbol);
        if (bridge != null && isDiffStream(stream.toLowerCase(Locale.ROOT))) {
            long u = ReplayLoop.read(f.frame(), "u");
            long targetU = bridgeTargets.get(symbol).lastUpdateId();
            if (u < targetU) {
                return List.of(new Item(f.frame(), null, null, null)); // stands before the bridge: not sent
            }
            if (u == targetU) {
                pendingBridges.remove(symbol);
                ReplayBook book = books.get(symbol);
                long eventTime = ReplayLoop.read(f.frame(), "E")
                        + p * loopPlan.shiftPerPass(symbol, ReplayLoop.Kind.TIME);
                List<Item> out = new ArrayList<>();
                for (String frame : ReplayLoop.bridge(stream, symbol, eventTime, book.lastUpdateId() + 1,
                        bridge.lastUpdateId(), bridge.bids(), bridge.asks())) {
                    out.add(item(new RecordedFrame(f.localTimestamp(), frame), book));
                }
                return out;
            }
        }
        String shifted = loopPlan.shift(symbol, stream, f.frame(), p);
        return List.of(item(new RecordedFrame(f.localTimestamp(), shifted), books.get(symbol)));
    }

    private Item item(RecordedFrame f, ReplayBook fileBook) {
        if (f.isDepthSnapshot()) {
            try {
                return new Item(f.frame(), null, fileBook, ReplayBook.parseSnapshot(mapper, f.frame()));
            } catch (RuntimeException e) {
                malformedDiffs.incrementAndGet();
                return new Item(f.frame(), null, null, null);
            }
        }
        String stream = streamName(f.frame());
        if (stream == null) {
            return new Item(f.frame(), null, null, null); // not a combined-stream frame: never sent
        }
        stream = stream.toLowerCase(Locale.ROOT);
        if (isDiffStream(stream)) {
            ReplayBook book = books.get(symbolOf(stream));
            try {
                JsonNode data = mapper.readTree(f.frame()).path("data");
                return new Item(f.frame(), stream, book, ReplayBook.parseDiff(data));
            } catch (IOException | RuntimeException e) {
                malformedDiffs.incrementAndGet(); // still sent verbatim, as recorded; the book skips it
                return new Item(f.frame(), stream, null, null);
            }
        }
        return new Item(f.frame(), stream, null, null);
    }

    /** The same line applied to the book but sent to nobody. */
    private static Item unsent(Item it) {
        return it.stream() == null ? it : new Item(it.frame(), null, it.book(), it.bookUpdate());
    }

    private void parkUntil(long due) throws InterruptedException {
        long left;
        while ((left = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted() || stopped) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Hands the batch to the event loop. At most two batches are in flight: this one, and the previous one,
     * which must have been written and drained by every client before this one is handed over. So the next
     * batch is read while the event loop writes, and memory stays bounded.
     */
    private void flush(List<Item> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        List<Item> items = List.copyOf(batch);
        batch.clear();
        awaitPending();
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending = done;
        context.runOnContext(v -> deliver(items, done));
    }

    private void awaitPending() throws InterruptedException {
        CompletableFuture<Void> p = pending;
        if (p == null) {
            return;
        }
        try {
            p.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Replay delivery failed", e.getCause());
        }
        pending = null;
    }

    /** Event loop: applies book updates, writes each frame to its subscribers, then waits for drain. */
    private void deliver(List<Item> items, CompletableFuture<Void> done) {
        try {
            for (Item it : items) {
                if (it.bookUpdate() instanceof ReplayBook.Snapshot s) {
                    it.book().applySnapshot(s);
                } else if (it.bookUpdate() instanceof ReplayBook.Diff d && it.book() != null) {
                    if (it.book().applyDiff(d) && loop && !bridgeTargets.containsKey(it.book().symbol())) {
                        bridgeTargets.put(it.book().symbol(), it.book().copy()); // the loop's bridge target
                    }
                }
                if (it.stream() != null) {
                    for (Connection c : connections) {
                        if (c.streams.contains(it.stream())) {
                            c.ws.writeTextMessage(it.frame());
                            framesSent.incrementAndGet();
                        }
                    }
                }
                framesPlayed.incrementAndGet();
            }
            awaitDrain(done);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private void awaitDrain(CompletableFuture<Void> done) {
        for (Connection c : connections) {
            if (c.ws.writeQueueFull()) {
                c.onDrain = () -> awaitDrain(done);
                return;
            }
        }
        done.complete(null);
    }

    // ---------------------------------------------------------------- websocket

    /** One websocket client; touched on the event loop only. */
    private static final class Connection {
        final ServerWebSocket ws;
        final Set<String> streams = new LinkedHashSet<>();
        Runnable onDrain;
        long pingTimer = -1;

        Connection(ServerWebSocket ws) {
            this.ws = ws;
        }

        void drained() {
            Runnable r = onDrain;
            onDrain = null;
            if (r != null) {
                r.run();
            }
        }
    }

    private void handleWebSocket(ServerWebSocket ws) {
        if (!"/stream".equals(ws.path())) {
            ws.reject(404);
            return;
        }
        Connection c = new Connection(ws);
        c.streams.addAll(parseStreams(ws.query()));
        ws.drainHandler(v -> c.drained());
        ws.closeHandler(v -> {
            connections.remove(c);
            vertx.cancelTimer(c.pingTimer);
            c.drained();
        });
        ws.exceptionHandler(e -> { /* the close handler follows */ });
        ws.textMessageHandler(text -> onClientMessage(c, text));
        c.pingTimer = vertx.setPeriodic(PING_INTERVAL_MS, id -> {
            if (!ws.isClosed()) {
                ws.writePing(Buffer.buffer());
            }
        });
        connections.add(c);
        if (started.compareAndSet(false, true) && !stopped) {
            playback = new Thread(this::play, "replay-playback");
            playback.setDaemon(true);
            if (startDelayMs == 0) {
                playback.start();
            } else {
                vertx.setTimer(startDelayMs, id -> playback.start());
            }
        }
    }

    /** Decodes {@code streams=a/b/c} from a raw query string; names lower-cased, empty names dropped. */
    static List<String> parseStreams(String query) {
        List<String> out = new ArrayList<>();
        if (query == null) {
            return out;
        }
        for (String param : query.split("&")) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (!name.equals("streams") || eq < 0) {
                continue;
            }
            String value = URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
            for (String s : value.split("/")) {
                String t = s.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** Binance's live subscription requests: SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS. */
    private void onClientMessage(Connection c, String text) {
        JsonNode req;
        try {
            req = mapper.readTree(text);
        } catch (IOException e) {
            c.ws.writeTextMessage("{\"error\":{\"code\":3,\"msg\":\"Invalid JSON: malformed request\"},\"id\":null}");
            return;
        }
        JsonNode id = req.path("id");
        ObjectNode reply = mapper.createObjectNode();
        String method = req.path("method").asText("");
        switch (method) {
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                for (JsonNode p : req.path("params")) {
                    String s = p.asText().toLowerCase(Locale.ROOT);
                    if (method.equals("SUBSCRIBE")) {
                        c.streams.add(s);
                    } else {
                        c.streams.remove(s);
                    }
                }
                reply.putNull("result");
            }
            case "LIST_SUBSCRIPTIONS" -> {
                ArrayNode list = reply.putArray("result");
                c.streams.forEach(list::add);
            }
            default -> {
                ObjectNode err = reply.putObject("error");
                err.put("code", 2);
                err.put("msg", "Invalid request: unknown variant '" + method
                        + "', expected one of SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS");
            }
        }
        reply.set("id", id.isMissingNode() ? mapper.nullNode() : id);
        c.ws.writeTextMessage(reply.toString());
    }

    // ---------------------------------------------------------------- REST

    private void handleHttp(HttpServerRequest req) {
        String path = req.path();
        if (path.equals("/api/v3/ping")) {
            json(req, 200, "{}");
            return;
        }
        if (path.equals("/api/v3/time")) {
            json(req, 200, "{\"serverTime\":" + System.currentTimeMillis() + "}");
            return;
        }
        if (path.equals("/api/v3/exchangeInfo")) {
            exchangeInfo(req);
            return;
        }
        if (!path.equals(DEPTH_PATH)) {
            req.response().setStatusCode(404).end();
            return;
        }
        if (req.method() != HttpMethod.GET) {
            req.response().setStatusCode(405).end();
            return;
        }
        String symbol = req.getParam("symbol");
        if (symbol == null || symbol.isEmpty()) {
            error(req, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
            return;
        }
        if (!SYMBOL.matcher(symbol).matches()) {
            error(req, -1100, "Illegal characters found in parameter 'symbol'; legal value is '^[A-Z0-9-_.]{1,20}$'.");
            return;
        }
        String limitText = req.getParam("limit");
        int limit = 100;
        if (limitText != null) {
            if (!DIGITS.matcher(limitText).matches()) {
                error(req, -1100, "Illegal characters found in parameter 'limit'; legal value is '^[0-9]{1,20}$'.");
                return;
            }
            long l = Long.parseLong(limitText.length() > 6 ? "999999" : limitText);
            if (l < 1 || l > 5000) {
                error(req, -1100, "Illegal characters found in parameter 'limit'; legal range is '1-5000'.");
                return;
            }
            limit = (int) l;
        }
        ReplayBook book = books.get(symbol);
        if (book == null) {
            error(req, -1121, "Invalid symbol.");
            return;
        }
        json(req, 200, book.toJson(limit));
    }

    /**
     * {@code GET /api/v3/exchangeInfo[?symbol=X]}: tick and step of the recorded symbols, derived from their books'
     * decimals ({@link ReplayExchangeInfo}); an unknown symbol is {@code -1121} as on Binance.
     */
    private void exchangeInfo(HttpServerRequest req) {
        String symbol = req.getParam("symbol");
        if (symbol == null) {
            json(req, 200, ReplayExchangeInfo.body(books.values(), increments, System.currentTimeMillis()));
            return;
        }
        ReplayBook book = SYMBOL.matcher(symbol).matches() ? books.get(symbol) : null;
        if (book == null) {
            error(req, -1121, "Invalid symbol.");
            return;
        }
        json(req, 200, ReplayExchangeInfo.body(List.of(book), increments, System.currentTimeMillis()));
    }

    private static void error(HttpServerRequest req, int code, String msg) {
        json(req, 400, "{\"code\":" + code + ",\"msg\":\"" + msg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    private static void json(HttpServerRequest req, int status, String body) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json;charset=UTF-8").end(body);
    }

    /** The REST book of a served symbol (package access for tests). */
    ReplayBook book(String symbol) {
        return books.get(symbol);
    }
}
