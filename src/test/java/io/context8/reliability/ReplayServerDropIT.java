package io.context8.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.context8.analytics.steps.ReportChain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.analytics.AnalyticsEngine;
import io.context8.book.BookSynchronizer;
import io.context8.book.Decimals;
import io.context8.book.OrderBook;
import io.context8.ingest.IngestHeartbeat;
import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;
import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.AppProcess;
import io.context8.testsupport.RedisServerProcess;
import io.context8.testsupport.SharedData;
import io.context8.testsupport.TestSettings;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The replay server dropped mid-stream: the app (all roles, one process) ingests the real 2024 BTCUSDT
 * recordings from a replay server running as its own process ({@code ReplayMain} from the packaged jar, at
 * 10x). The server is killed with SIGKILL (no websocket close), kept down a few seconds, and started again on
 * the same port {@code --start-at} where the market would be after the outage (outage x speed further into the
 * recording), at 50x: like Binance after a disconnect, the frames of the outage are gone and the REST depth
 * snapshot answers the book as of the new position.
 *
 * <p>Asserted: the app stays up; it reconnected after back-off delays that grow (its log) and its heartbeat
 * counts the disconnect and the reconnect; the report showed the gap (ingestion not {@code ok}) and came back
 * {@code ok} with a synced book; a fresh {@code order_book_depth} was published after the reconnect. The main
 * point: the stream {@code nt:binance} is read back and replayed through the analytics engine (the project's
 * own {@code SymbolAnalytics} / {@code BookSynchronizer}, as the analytics role applies it), and after the
 * post-reconnect snapshot the book's best bid and ask, price and quantity, equal EVERY {@code book_ticker} of
 * the same update id (Binance's own view of its book); and the final report's best bid/ask equal the
 * recording's last bookTicker.
 *
 * <p>Shown to fail: with ingest's resync switched off ({@code DepthSequenceTracker.onDiff} asking for a snapshot
 * only for a symbol's first diff ever, so neither the reconnect nor the gap fetches one) the report never came
 * back {@code ok} (its book stayed in state {@code gap}) and the test failed on "report ok again".
 */
@EnabledIf(value = "io.context8.testsupport.SharedData#recordingsPresent",
        disabledReason = "real Binance recordings not found (../shared/data/binance or $CONTEXT8_DATA_DIR)")
class ReplayServerDropIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KEY = "nt:binance";
    private static final int SPEED_BEFORE = 10;
    private static final int SPEED_AFTER = 50;
    private static final Duration OUTAGE = Duration.ofSeconds(4);
    private static final Pattern RECONNECT = Pattern.compile("(?:re)?connect attempt (\\d+) in (\\d+) ms");

    @Test
    void aKilledReplayServerIsReconnectedWithBackoffAndTheBookMatchesBookTickerAgain() throws Exception {
        long t0 = System.nanoTime();
        Recording rec = Recording.read(SharedData.recording2024a(), SharedData.recording2024b());
        RedisServerProcess redis = RedisServerProcess.start();
        RedisClient client = RedisClient.create(redis.url());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int port = AppProcess.freePort();
        Process replay = startReplay("replay-drop-server-1", port, SPEED_BEFORE, 0);
        try (StatefulRedisConnection<String, String> conn = client.connect();
                AppProcess app = AppProcess.start("replay-drop-app", Map.of(
                        "REDIS_URL", redis.url(),
                        "CONTEXT8_SOURCE", "live",
                        "CONTEXT8_BINANCE_WS_URL", "ws://127.0.0.1:" + port,
                        "CONTEXT8_BINANCE_REST_URL", "http://127.0.0.1:" + port,
                        "CONTEXT8_SYMBOLS", "BTCUSDT"))) {
            RedisCommands<String, String> redisSync = conn.sync();
            String url = app.baseUrl() + "/get_report?symbol=BTCUSDT";

            // 1. the feed runs, the report is ok with a synced book, some seconds of market are in the stream
            Awaitility.await("report ok with a synced book").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200)).until(() -> report(http, url), ReplayServerDropIT::okAndSynced);
            Awaitility.await("a few seconds of feed").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> redisSync.xlen(KEY) >= 5_000);

            // 2. kill the server mid-stream (SIGKILL: no websocket close frame) and keep it down
            int logBeforeDrop = app.logText().length(); // reconnect lines are read from here on
            replay.destroyForcibly();
            assertThat(replay.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            List<String> duringGap = new ArrayList<>();
            Awaitility.await("ingest notices the drop").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> heartbeat(redisSync), h -> h != null && !h.path("connected").asBoolean());
            Awaitility.await("outage of " + OUTAGE.toSeconds() + " s").atMost(OUTAGE.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        JsonNode r = report(http, url);
                        if (r != null) {
                            duringGap.add(r.at("/ingestion/status").asText() + "/" + r.at("/book/state").asText()
                                    + "/" + r.at("/ingestion/websocket").asText());
                        }
                        return System.nanoTime() - killedAt >= OUTAGE.toNanos();
                    });
            assertThat(app.isAlive()).as("the app survives the drop").isTrue();

            // what ingest got before the drop: the stream's last entry and last diff
            List<StreamMessage<String, String>> before = readAll(redisSync);
            String lastIdBefore = before.get(before.size() - 1).getId();
            long lastDiffBefore = lastDiffFinalId(before);
            int lineOfLastDiff = rec.lineOfDiff(lastDiffBefore);
            assertThat(lineOfLastDiff).as("the last diff ingested is in the recording").isPositive();
            double downSeconds = (System.nanoTime() - killedAt) / 1e9;
            double startAt = rec.offsetSeconds[lineOfLastDiff] + downSeconds * SPEED_BEFORE;
            replay = startReplay("replay-drop-server-2", port, SPEED_AFTER, startAt);
            long restartedAt = System.nanoTime();

            // 3. ingest reconnects, the report comes back ok, the feed runs to the end of the recording
            Awaitility.await("ingest reconnected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> heartbeat(redisSync), h -> h != null && h.path("connects").asLong() >= 2);
            double reconnectSeconds = (System.nanoTime() - restartedAt) / 1e9;
            Set<String> afterRestart = new LinkedHashSet<>();
            JsonNode okAgain = Awaitility.await("report ok again, book synced past the gap")
                    .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        JsonNode r = report(http, url);
                        if (r != null) {
                            afterRestart.add(r.at("/ingestion/status").asText() + "/" + r.at("/book/state").asText());
                        }
                        return r;
                    }, r -> okAndSynced(r) && r.at("/book/update_id").asLong() > lastDiffBefore);
            JsonNode last = Awaitility.await("the report reaches the recording's final book")
                    .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> report(http, url), r -> r != null && r.at("/book/update_id").asLong() == rec.lastDiffId);
            assertThat(app.isAlive()).as("the app never exited").isTrue();

            // reconnect with back-off: the log's delays, the heartbeat's counters
            List<Long> delays = new ArrayList<>();
            Matcher m = RECONNECT.matcher(app.logText().substring(logBeforeDrop));
            while (m.find()) {
                delays.add(Long.parseLong(m.group(2)));
            }
            JsonNode hb = heartbeat(redisSync);
            assertThat(hb.path("disconnects").asLong()).as("disconnects").isEqualTo(1);
            assertThat(hb.path("connects").asLong()).as("first connect + one reconnect").isEqualTo(2);
            assertThat(hb.path("connected").asBoolean()).isTrue();
            assertThat(delays).as("reconnect attempts while the server was down").hasSizeGreaterThanOrEqualTo(2);
            assertThat(delays).as("back-off delays grow (exponential, jitter takes off at most half)").isSorted();
            assertThat(delays.get(delays.size() - 1)).isGreaterThan(delays.get(0));

            // the gap was visible while it lasted, and ended
            assertThat(duringGap).as("reports during the outage").isNotEmpty();
            assertThat(duringGap.get(duringGap.size() - 1)).as("report at the end of the outage").doesNotStartWith("ok/");
            assertThat(okAgain.at("/ingestion/status").asText()).isEqualTo("ok");

            // 4. the stream: a fresh snapshot after the reconnect, then the book equals bookTicker at every shared id
            List<StreamMessage<String, String>> all = readAll(redisSync);
            Oracle oracle = Oracle.check(all, lastIdBefore);
            // one at the first connect; analytics may ask for one more when it finds the book out of sync or suspect
            System.out.printf("ReplayServerDropIT: %d snapshots before the outage%n", oracle.snapshotsBefore);
            assertThat(oracle.snapshotsBefore).as("snapshot at the first connect").isPositive();
            assertThat(oracle.freshSnapshotId).as("a fresh order_book_depth after the reconnect")
                    .isGreaterThan(lastDiffBefore);
            assertThat(oracle.firstDiffAfter).as("frames of the outage were missed: a gap in the diff ids")
                    .isGreaterThan(lastDiffBefore + 1);
            assertThat(oracle.stateBeforeFreshSnapshot).as("the analytics book saw the gap")
                    .isNotEqualTo(BookSynchronizer.State.SYNCED);
            assertThat(oracle.mismatches).as("book vs bookTicker after the resync").isEmpty();
            assertThat(oracle.matches).as("bookTicker ids compared after the resync").isGreaterThanOrEqualTo(300);
            assertThat(oracle.finalState).isEqualTo(BookSynchronizer.State.SYNCED);
            assertThat(oracle.gapsAfterResync).as("no gap after the resync").isZero();

            // the analytics role's own book: the final report equals the recording's last bookTicker
            JsonNode t = rec.lastBookTicker;
            assertThat(last.at("/book/state").asText()).isEqualTo("synced");
            assertThat(last.at("/book/best_bid/price").decimalValue()).isEqualByComparingTo(t.get("b").asText());
            assertThat(last.at("/book/best_bid/qty").decimalValue()).isEqualByComparingTo(t.get("B").asText());
            assertThat(last.at("/book/best_ask/price").decimalValue()).isEqualByComparingTo(t.get("a").asText());
            assertThat(last.at("/book/best_ask/qty").decimalValue()).isEqualByComparingTo(t.get("A").asText());

            // frames lost with the outage: the recording's frames that never reached the stream
            long missedDiffs = rec.count(-1, rec.streams.size(), "@depth") - oracle.byType.getOrDefault("order_book_deltas", 0L);
            long missedTickers = rec.count(-1, rec.streams.size(), "@bookTicker") - oracle.byType.getOrDefault("book_ticker", 0L);
            long missedTrades = rec.count(-1, rec.streams.size(), "@trade") - oracle.byType.getOrDefault("trade_tick", 0L);
            int lineOfFirstDiffAfter = rec.lineOfDiffStarting(oracle.firstDiffAfter);
            assertThat(missedDiffs).as("diffs missed = the diffs between the last before and the first after")
                    .isEqualTo(rec.count(lineOfLastDiff, lineOfFirstDiffAfter, "@depth"));
            System.out.printf("ReplayServerDropIT: killed the replay server at recording line %d (%.1f s in, last "
                    + "diff u=%d); down %.1f s; restarted --start-at %.1f s; reconnected %.1f s after the restart "
                    + "after %d attempts, delays %s ms; frames missed %d (diffs %d, bookTickers %d, "
                    + "trades %d); fresh snapshot %d; report during the outage %s, after the restart %s; "
                    + "bookTicker matches after the resync %d, mismatches %d; %d stream entries; test %.1f s%n",
                    lineOfLastDiff, rec.offsetSeconds[lineOfLastDiff], lastDiffBefore, downSeconds, startAt,
                    reconnectSeconds, delays.size(), delays, missedDiffs + missedTickers + missedTrades, missedDiffs,
                    missedTickers, missedTrades, oracle.freshSnapshotId,
                    new LinkedHashSet<>(duringGap), afterRestart, oracle.matches, oracle.mismatches.size(), all.size(), (System.nanoTime() - t0) / 1e9);
        } finally {
            replay.destroyForcibly();
            client.shutdown();
            redis.stop();
        }
    }

    private static boolean okAndSynced(JsonNode r) {
        return r != null && "ok".equals(r.at("/ingestion/status").asText())
                && "synced".equals(r.at("/book/state").asText());
    }

    /** {@code ReplayMain} from the packaged jar, as a user runs it (docs/replay.md); output to target/it-logs. */
    private static Process startReplay(String name, int port, int speed, double startAtSeconds) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dloader.main=io.context8.replay.ReplayMain", "-cp", Path.of("target", "context8.jar").toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher", "--port", String.valueOf(port),
                "--speed", String.valueOf(speed), "--start-at", String.format(java.util.Locale.ROOT, "%.3f", startAtSeconds),
                SharedData.recording2024a().toString(), SharedData.recording2024b().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Awaitility.await(name + " listening on " + port + " (log " + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + p.exitValue() + "; log " + log);
                    }
                    return Files.readString(log).contains("websocket: ws://");
                });
        return p;
    }

    private static JsonNode report(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? MAPPER.readTree(r.body()) : null;
    }

    private static JsonNode heartbeat(RedisCommands<String, String> redis) throws IOException {
        String json = redis.get(IngestHeartbeat.key("binance"));
        return json == null ? null : MAPPER.readTree(json);
    }

    private static List<StreamMessage<String, String>> readAll(RedisCommands<String, String> redis) {
        List<StreamMessage<String, String>> out = new ArrayList<>();
        String from = null;
        while (true) {
            List<StreamMessage<String, String>> chunk = redis.xrange(KEY, Range.from(
                    from == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(from),
                    Range.Boundary.unbounded()), Limit.from(10_000));
            if (chunk.isEmpty()) {
                return out;
            }
            out.addAll(chunk);
            from = chunk.get(chunk.size() - 1).getId();
        }
    }

    private static long lastDiffFinalId(List<StreamMessage<String, String>> entries) throws IOException {
        for (int i = entries.size() - 1; i >= 0; i--) {
            JsonNode e = MAPPER.readTree(entries.get(i).getBody().get(RedisStreamConstants.FIELD_EVENT));
            if ("order_book_deltas".equals(e.path("type").asText())) {
                return e.at("/payload/final_update_id").asLong();
            }
        }
        throw new AssertionError("no diff in the stream before the drop");
    }

    /**
     * The stream replayed through the analytics engine; after the first snapshot published after
     * {@code lastIdBefore}, every book_ticker is compared with the book once the book reaches its update id
     * (bookTicker is real time and usually arrives before the 100 ms diff that ends at its id).
     */
    private static final class Oracle {
        int snapshotsBefore;
        long freshSnapshotId = -1;
        long firstDiffAfter = -1;
        BookSynchronizer.State stateBeforeFreshSnapshot;
        int matches;
        final List<String> mismatches = new ArrayList<>();
        BookSynchronizer.State finalState;
        long gapsAfterResync;
        final Map<String, Long> byType = new HashMap<>();

        static Oracle check(List<StreamMessage<String, String>> entries, String lastIdBefore) throws IOException {
            Oracle o = new Oracle();
            AnalyticsEngine engine = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                    MAPPER, () -> 0L);
            BookSynchronizer sync = engine.symbol("BTCUSDT").sync();
            OrderBook book = engine.symbol("BTCUSDT").book();
            Map<Long, long[]> waiting = new HashMap<>();
            long gapsAtResync = 0;
            for (StreamMessage<String, String> m : entries) {
                boolean after = compareIds(m.getId(), lastIdBefore) > 0;
                JsonNode e = MAPPER.readTree(m.getBody().get(RedisStreamConstants.FIELD_EVENT));
                String type = e.path("type").asText();
                o.byType.merge(type, 1L, Long::sum);
                JsonNode p = e.get("payload");
                if (after && type.equals("order_book_deltas") && o.firstDiffAfter < 0) {
                    o.firstDiffAfter = p.path("first_update_id").asLong();
                }
                boolean freshSnapshot = after && type.equals("order_book_depth") && o.freshSnapshotId < 0;
                if (freshSnapshot) {
                    o.stateBeforeFreshSnapshot = sync.state();
                } else if (!after && type.equals("order_book_depth")) {
                    o.snapshotsBefore++;
                }
                ReportChain.reports(engine.onBatch(List.of(new StreamEntry(m.getId(), m.getBody()))));
                if (freshSnapshot) {
                    o.freshSnapshotId = p.path("last_update_id").asLong();
                    gapsAtResync = sync.gapCount();
                    waiting.clear();
                }
                if (o.freshSnapshotId < 0) {
                    continue;
                }
                if (type.equals("book_ticker")) {
                    long u = p.path("update_id").asLong();
                    long[] t = {Decimals.parse(p.path("bid_price").asText()), Decimals.parse(p.path("bid_qty").asText()),
                            Decimals.parse(p.path("ask_price").asText()), Decimals.parse(p.path("ask_qty").asText())};
                    if (sync.inSync() && u == sync.lastUpdateId()) {
                        o.compare(book, u, t);
                    } else if (!sync.inSync() || u > sync.lastUpdateId()) {
                        waiting.put(u, t);
                    }
                } else if (type.equals("order_book_deltas") || type.equals("order_book_depth")) {
                    long[] t = waiting.remove(sync.lastUpdateId());
                    if (t != null && sync.inSync()) {
                        o.compare(book, sync.lastUpdateId(), t);
                    }
                }
            }
            o.finalState = sync.state();
            o.gapsAfterResync = sync.gapCount() - gapsAtResync;
            return o;
        }

        private void compare(OrderBook book, long u, long[] t) {
            if (t[0] != book.bestBidPrice() || t[1] != book.bestBidQty()
                    || t[2] != book.bestAskPrice() || t[3] != book.bestAskQty()) {
                mismatches.add("u=" + u);
            } else {
                matches++;
            }
        }

        private static int compareIds(String a, String b) {
            String[] x = a.split("-");
            String[] y = b.split("-");
            int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
            return c != 0 ? c : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
        }
    }

    /** The recording as the replay server plays it: each line's stream and recording time (seconds). */
    private static final class Recording {
        final List<String> streams = new ArrayList<>();
        final Map<Long, Integer> lineByFinalId = new HashMap<>();
        final Map<Long, Integer> lineByFirstId = new HashMap<>();
        double[] offsetSeconds;
        JsonNode lastBookTicker;
        long lastDiffId;

        static Recording read(Path... files) throws IOException {
            Recording r = new Recording();
            List<Double> offsets = new ArrayList<>();
            double virtualNanos = 0;
            long previous = Long.MIN_VALUE;
            for (Path f : files) {
                boolean firstOfFile = true;
                try (RecordingFile.Reader in = RecordingFile.open(f)) {
                    while (in.hasNext()) {
                        RecordedFrame frame = in.next();
                        long ts = frame.localEpochNanos();
                        // the replay server's clock: negative steps and gaps over 1 s between files count as 0
                        if (previous != Long.MIN_VALUE) {
                            long step = ts - previous;
                            virtualNanos += step < 0 || (firstOfFile && step > 1_000_000_000L) ? 0 : step;
                        }
                        previous = ts;
                        firstOfFile = false;
                        offsets.add(virtualNanos / 1e9);
                        int line = r.streams.size();
                        if (frame.isDepthSnapshot()) {
                            r.streams.add("snapshot");
                            continue;
                        }
                        JsonNode root = MAPPER.readTree(frame.frame());
                        String stream = root.path("stream").asText();
                        r.streams.add(stream);
                        JsonNode d = root.get("data");
                        if (stream.endsWith("@depth@100ms")) {
                            r.lineByFinalId.put(d.get("u").asLong(), line);
                            r.lineByFirstId.put(d.get("U").asLong(), line);
                            r.lastDiffId = d.get("u").asLong();
                        } else if (stream.endsWith("@bookTicker")) {
                            r.lastBookTicker = d;
                        }
                    }
                }
            }
            r.offsetSeconds = offsets.stream().mapToDouble(Double::doubleValue).toArray();
            return r;
        }

        int lineOfDiff(long finalId) {
            return lineByFinalId.getOrDefault(finalId, -1);
        }

        int lineOfDiffStarting(long firstId) {
            return lineByFirstId.getOrDefault(firstId, -1);
        }

        /** Lines strictly between two lines whose stream contains {@code part}. */
        long count(int fromExclusive, int toExclusive, String part) {
            long n = 0;
            for (int i = fromExclusive + 1; i < toExclusive; i++) {
                if (streams.get(i).contains(part)) {
                    n++;
                }
            }
            return n;
        }
    }
}
