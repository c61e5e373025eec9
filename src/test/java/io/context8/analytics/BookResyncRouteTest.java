package io.context8.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.testsupport.BinanceFeed;
import io.context8.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;

/**
 * End to end through the real routes and a real redis-server, ingest and analytics in one context (they share
 * only Redis, as in a split deployment): a local Binance stand-in (Vert.x websocket + REST depth) plays a
 * generated feed; once the analytics book is synced and verifies against the bookTicker, the feed sends a diff
 * with {@code u = 2^63-1}. The analytics book is discarded, its resync request travels through the Redis
 * stream to ingest's {@code consume-resync-requests}, ingest restarts the symbol's sequence and fetches a fresh
 * REST snapshot, and the report's book is synced at the real id and verifies again.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "context8.roles=ingest,analytics",
        "context8.redis.embedded=false",
        "context8.symbols=GENUSDT",
        "context8.stream.key=resyncroute:binance",
        "context8.book.resync-key=resyncroute:requests"})
@DirtiesContext
class BookResyncRouteTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BinanceFeed FEED = new BinanceFeed("GENUSDT", 23, 1_723_161_255_000L);
    private static final AtomicInteger SNAPSHOTS = new AtomicInteger();
    private static final Set<ServerWebSocket> SOCKETS = new CopyOnWriteArraySet<>();
    private static volatile boolean corruptNext;
    private static volatile boolean dropNext;
    private static Vertx vertx;
    private static HttpServer exchange;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> conn;
    private static RedisCommands<String, String> redis;

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) throws Exception {
        registry.add("spring.data.redis.url", RedisServerProcess.shared()::url);
        startExchange();
        String base = "127.0.0.1:" + exchange.actualPort();
        registry.add("context8.binance.ws-url", () -> "ws://" + base);
        registry.add("context8.binance.rest-url", () -> "http://" + base);
    }

    /** The Binance stand-in: a 100 ms step of the feed every 20 ms to every socket, and the REST depth body. */
    private static synchronized void startExchange() throws Exception {
        if (exchange != null) {
            return;
        }
        vertx = Vertx.vertx();
        exchange = vertx.createHttpServer()
                .webSocketHandler(ws -> {
                    SOCKETS.add(ws);
                    ws.closeHandler(v -> SOCKETS.remove(ws));
                })
                .requestHandler(req -> {
                    String body;
                    synchronized (FEED) {
                        body = FEED.snapshotBody();
                    }
                    SNAPSHOTS.incrementAndGet();
                    req.response().putHeader("Content-Type", "application/json").end(body);
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.setPeriodic(20, id -> {
            if (SOCKETS.isEmpty()) {
                return;
            }
            List<String> frames;
            synchronized (FEED) {
                if (corruptNext) {
                    corruptNext = false;
                    frames = FEED.frozenDiff();
                } else if (dropNext) {
                    dropNext = false;
                    frames = FEED.droppedDiff();
                } else {
                    frames = FEED.step();
                }
            }
            for (ServerWebSocket ws : SOCKETS) {
                frames.forEach(ws::writeTextMessage);
            }
        });
    }

    @BeforeAll
    static void connect() {
        client = RedisClient.create(RedisServerProcess.shared().url());
        conn = client.connect();
        redis = conn.sync();
    }

    @AfterAll
    static void close() throws Exception {
        conn.close();
        client.shutdown();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static JsonNode report() throws Exception {
        String json = redis.get("report:GENUSDT");
        return json == null ? null : MAPPER.readTree(json);
    }

    @Test
    @DisplayName("u = 2^63-1: the suspect book's request reaches ingest, a fresh snapshot is fetched, the book verifies again")
    void aFrozenBookIsResyncedThroughIngest() throws Exception {
        JsonNode synced = Awaitility.await("a synced, verified book").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(BookResyncRouteTest::report,
                        r -> r != null && "synced".equals(r.at("/book/state").asText())
                                && r.at("/book/verification/matched").asLong() >= 10);
        int snapshotsBefore = SNAPSHOTS.get();
        long matchedBefore = synced.at("/book/verification/matched").asLong();
        assertThat(synced.at("/book/verification/mismatched").asLong()).isZero();
        // (a start on a loaded machine may have asked once for a snapshot that analytics read late: awaiting_snapshot)
        long requestsBefore = redis.xlen("resyncroute:requests");
        corruptNext = true;

        JsonNode recovered = Awaitility.await("the book resynced after the frozen diff").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(BookResyncRouteTest::report,
                        r -> r != null && r.at("/book/verification/suspicions").asLong() == 1
                                && "synced".equals(r.at("/book/state").asText())
                                && r.at("/book/verification/matched").asLong() >= matchedBefore + 10);
        List<StreamMessage<String, String>> requests = redis.xrange("resyncroute:requests",
                io.lettuce.core.Range.create("-", "+"));
        System.out.printf("BookResyncRouteTest: snapshots fetched %d before, %d after; requests %s; book %s%n",
                snapshotsBefore, SNAPSHOTS.get(), requests.stream().map(StreamMessage::getBody).toList(),
                recovered.get("book"));
        assertThat(requests).hasSize((int) requestsBefore + 1);
        StreamMessage<String, String> request = requests.get(requests.size() - 1);
        assertThat(request.getBody()).containsEntry("symbol", "GENUSDT");
        assertThat(MAPPER.readTree(request.getBody().get("event")).get("reason").asText()).isEqualTo("frozen_book");
        // one fetch per request; a loaded machine can make it older than the buffered diffs, and the snapshot route
        // then fetches again (bounded redelivery of a stale snapshot, Binance's procedure)
        assertThat(SNAPSHOTS.get()).as("ingest fetched a fresh snapshot on the request").isGreaterThan(snapshotsBefore);
        assertThat(recovered.at("/book/update_id").asLong()).isLessThan(Long.MAX_VALUE);
        assertThat(recovered.at("/book/verification/mismatched").asLong()).isZero();
        assertThat(recovered.at("/ingestion/status").asText()).isNotEqualTo("down");

        // ingest's own gap detection works again after the restart (without it every diff below 2^63-1 looks old)
        int snapshotsAfter = SNAPSHOTS.get();
        dropNext = true;
        Awaitility.await("ingest sees a lost diff and fetches a snapshot itself").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> SNAPSHOTS.get() > snapshotsAfter);
        JsonNode again = Awaitility.await("synced after the gap").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(BookResyncRouteTest::report,
                        r -> r != null && "synced".equals(r.at("/book/state").asText())
                                && r.at("/book/update_id").asLong() > recovered.at("/book/update_id").asLong() + 50);
        assertThat(redis.xlen("resyncroute:requests")).as("no request needed: ingest resynced on its own")
                .isEqualTo(requestsBefore + 1);
        assertThat(again.at("/book/verification/mismatched").asLong()).isZero();
    }
}
