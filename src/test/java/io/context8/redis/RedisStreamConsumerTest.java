package io.context8.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.context8.errors.ErrorCounters;
import io.context8.testsupport.RedisServerProcess;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The {@code redis-stream:} consumer against a real redis-server: ack after processing, own pending entries
 * re-read by a restarted consumer of the same name, XAUTOCLAIM of a dead consumer's entries, the delivery cap
 * with the dead-letter stream, route-rejected entries dead-lettered with their reason, history rebuild, and a
 * lost group re-created. Each test uses its own stream key.
 */
class RedisStreamConsumerTest {

    private static RedisServerProcess server;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> conn;
    private static RedisCommands<String, String> redis;

    /** What the route saw: entry ids per exchange, and the rebuild/redelivered flags. */
    record Seen(List<String> ids, boolean redelivered, boolean rebuild) {
    }

    @BeforeAll
    static void start() {
        server = RedisServerProcess.shared();
        client = RedisClient.create(server.url());
        conn = client.connect();
        redis = conn.sync();
    }

    @AfterAll
    static void stop() {
        conn.close();
        client.shutdown();
    }

    private static String add(String key, String event) {
        return redis.xadd(key, Map.of(RedisStreamConstants.FIELD_EVENT, event));
    }

    private static long pending(String key) {
        return redis.xpending(key, "g").getCount();
    }

    /** A context with the component and one route from {@code uri}; {@code step} runs per exchange. */
    private static CamelContext camel(SimpleMeterRegistry meters, String uri, List<Seen> seen,
            java.util.function.Consumer<Exchange> step) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("redis-stream", new RedisStreamComponent(client, new ErrorCounters(meters, "stream")));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("consume-test").process(e -> {
                    @SuppressWarnings("unchecked")
                    List<StreamEntry> entries = e.getMessage().getBody(List.class);
                    if (!entries.isEmpty()) {
                        seen.add(new Seen(entries.stream().map(StreamEntry::id).toList(),
                                e.getMessage().getHeader(RedisStreamConstants.REDELIVERED, false, Boolean.class),
                                e.getMessage().getHeader(RedisStreamConstants.REBUILD, false, Boolean.class)));
                    }
                    step.accept(e);
                });
            }
        });
        camel.start();
        return camel;
    }

    private static List<String> ids(List<Seen> seen, boolean rebuild) {
        synchronized (seen) {
            return seen.stream().filter(s -> s.rebuild() == rebuild).flatMap(s -> s.ids().stream()).toList();
        }
    }

    private static double counter(SimpleMeterRegistry meters, String type) {
        var c = meters.find("context8.errors").tag("component", "stream").tag("type", type).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void batchIsAcknowledgedAfterProcessing() throws Exception {
        String key = "t:ack";
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            added.add(add(key, "{\"n\":" + i + "}"));
        }
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        try (CamelContext camel = camel(new SimpleMeterRegistry(),
                "redis-stream:" + key + "?group=g&consumerName=c1&batchSize=10", seen, e -> { })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(seen, false).size() == 25);
            await().atMost(Duration.ofSeconds(5)).until(() -> pending(key) == 0);
        }
        assertThat(ids(seen, false)).containsExactlyElementsOf(added);
    }

    @Test
    void restartedConsumerOfTheSameNameResumesItsOwnPendingEntries() throws Exception {
        String key = "t:own-pending";
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(add(key, "{\"n\":" + i + "}"));
        }
        // a previous life of consumer c1 read three entries and died before XACK
        redis.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), "g", XGroupCreateArgs.Builder.mkstream());
        List<StreamMessage<String, String>> taken = redis.xreadgroup(Consumer.from("g", "c1"),
                XReadArgs.Builder.count(3), XReadArgs.StreamOffset.lastConsumed(key));
        assertThat(taken).hasSize(3);
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        try (CamelContext camel = camel(new SimpleMeterRegistry(),
                "redis-stream:" + key + "?group=g&consumerName=c1&claimIdle=0", seen, e -> { })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(seen, false).size() == 5);
            await().atMost(Duration.ofSeconds(5)).until(() -> pending(key) == 0);
        }
        assertThat(ids(seen, false)).containsExactlyElementsOf(added);
        synchronized (seen) {
            assertThat(seen.stream().filter(Seen::redelivered).flatMap(s -> s.ids().stream()))
                    .containsExactlyElementsOf(added.subList(0, 3));
        }
    }

    @Test
    void entriesOfADeadConsumerAreClaimedAfterTheIdleTime() throws Exception {
        String key = "t:claim";
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            added.add(add(key, "{\"n\":" + i + "}"));
        }
        redis.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), "g", XGroupCreateArgs.Builder.mkstream());
        redis.xreadgroup(Consumer.from("g", "dead"), XReadArgs.Builder.count(4), XReadArgs.StreamOffset.lastConsumed(key));
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        try (CamelContext camel = camel(new SimpleMeterRegistry(),
                "redis-stream:" + key + "?group=g&consumerName=alive&claimIdle=300ms", seen, e -> { })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(seen, false).size() == 4);
            await().atMost(Duration.ofSeconds(5)).until(() -> pending(key) == 0);
        }
        assertThat(ids(seen, false)).containsExactlyElementsOf(added);
        synchronized (seen) {
            assertThat(seen).allMatch(Seen::redelivered);
        }
    }

    @Test
    void anEntryThatKeepsFailingGoesToTheDeadLetterStreamAfterMaxDeliveries() throws Exception {
        String key = "t:poison";
        String good1 = add(key, "{\"ok\":1}");
        String poison = add(key, "{\"poison\":true}");
        String good2 = add(key, "{\"ok\":2}");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        List<String> processed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger attempts = new AtomicInteger();
        try (CamelContext camel = camel(meters,
                "redis-stream:" + key + "?group=g&consumerName=c1&claimIdle=200ms&maxDeliveries=3", seen, e -> {
                    @SuppressWarnings("unchecked")
                    List<StreamEntry> entries = e.getMessage().getBody(List.class);
                    if (entries.stream().anyMatch(x -> x.field("event").contains("poison"))) {
                        attempts.incrementAndGet();
                        throw new IllegalStateException("cannot apply the poison entry");
                    }
                    entries.forEach(x -> processed.add(x.id()));
                })) {
            await().atMost(Duration.ofSeconds(20)).until(() -> redis.xlen(key + ":dead") == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> pending(key) == 0);
        }
        // the first batch (all three) failed; the good ones then succeeded one by one
        assertThat(processed).containsExactlyInAnyOrder(good1, good2);
        assertThat(attempts.get()).isEqualTo(3);
        StreamMessage<String, String> dl = redis.xrange(key + ":dead", io.lettuce.core.Range.create("-", "+")).get(0);
        assertThat(dl.getBody()).containsEntry("event", "{\"poison\":true}")
                .containsEntry(RedisStreamConstants.FIELD_DL_SOURCE_ID, poison)
                .containsEntry(RedisStreamConstants.FIELD_DL_KIND, "max_deliveries")
                .containsEntry(RedisStreamConstants.FIELD_DL_DELIVERIES, "4");
        assertThat(dl.getBody().get(RedisStreamConstants.FIELD_DL_REASON)).contains("cannot apply the poison entry");
        assertThat(counter(meters, "dead_letter_max_deliveries")).isEqualTo(1.0);
    }

    @Test
    void entriesTheRouteRejectsAreDeadLetteredWithTheirReasonAndAcknowledged() throws Exception {
        String key = "t:rejected";
        add(key, "{\"ok\":1}");
        String bad = add(key, "not json at all");
        add(key, "{\"ok\":2}");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        try (CamelContext camel = camel(meters, "redis-stream:" + key + "?group=g&consumerName=c1", seen, e -> {
            @SuppressWarnings("unchecked")
            List<StreamEntry> entries = e.getMessage().getBody(List.class);
            e.setProperty(RedisStreamConstants.DEAD_LETTERS, entries.stream().filter(x -> !x.field("event").startsWith("{"))
                    .map(x -> new DeadLetter(x, "not_json", "entry " + x.id() + " is not JSON")).toList());
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> redis.xlen(key + ":dead") == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> pending(key) == 0);
        }
        StreamMessage<String, String> dl = redis.xrange(key + ":dead", io.lettuce.core.Range.create("-", "+")).get(0);
        assertThat(dl.getBody()).containsEntry("event", "not json at all")
                .containsEntry(RedisStreamConstants.FIELD_DL_SOURCE_ID, bad)
                .containsEntry(RedisStreamConstants.FIELD_DL_KIND, "not_json")
                .containsEntry(RedisStreamConstants.FIELD_DL_REASON, "entry " + bad + " is not JSON");
        assertThat(counter(meters, "dead_letter_not_json")).isEqualTo(1.0);
    }

    @Test
    void rebuildReReadsHistoryUpToTheLastDeliveredIdWithoutAckingItAgain() throws Exception {
        String key = "t:rebuild";
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            first.add(add(key, "{\"n\":" + i + "}"));
        }
        String uri = "redis-stream:" + key + "?group=g&consumerName=c1&batchSize=3&rebuild=true";
        List<Seen> seen1 = Collections.synchronizedList(new ArrayList<>());
        try (CamelContext camel = camel(new SimpleMeterRegistry(), uri, seen1, e -> { })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(seen1, false).size() == 7);
        }
        assertThat(ids(seen1, true)).as("nothing to rebuild on the first start").isEmpty();
        List<String> later = List.of(add(key, "{\"n\":7}"), add(key, "{\"n\":8}"));
        List<Seen> seen2 = Collections.synchronizedList(new ArrayList<>());
        try (CamelContext camel = camel(new SimpleMeterRegistry(), uri, seen2, e -> { })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(seen2, false).size() == 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> pending(key) == 0);
        }
        assertThat(ids(seen2, true)).containsExactlyElementsOf(first);
        assertThat(ids(seen2, false)).containsExactlyElementsOf(later);
        synchronized (seen2) {
            assertThat(seen2.get(0).rebuild()).as("history comes before new entries").isTrue();
        }
    }

    @Test
    void aLostGroupIsRecreatedAndReadingGoesOn() throws Exception {
        String key = "t:nogroup";
        add(key, "{\"n\":0}");
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        try (CamelContext camel = camel(new SimpleMeterRegistry(), "redis-stream:" + key + "?group=g&consumerName=c1",
                seen, e -> { })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(seen, false).size() == 1);
            redis.del(key); // as after a Redis restart without persistence: stream and group gone
            await().atMost(Duration.ofSeconds(10)).until(() -> redis.exists(key) == 1);
            String after = add(key, "{\"n\":1}");
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(seen, false).contains(after));
            await().atMost(Duration.ofSeconds(5)).until(() -> pending(key) == 0);
        }
    }
}
