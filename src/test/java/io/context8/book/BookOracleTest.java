package io.context8.book;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;
import io.context8.testsupport.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Oracle: the book rebuilt from the recorded REST snapshot + depth diffs must equal Binance's own
 * bookTicker (best bid/ask price and quantity) at every bookTicker whose update id {@code u} equals the
 * book's id. bookTicker is real time and usually arrives before the 100 ms diff that ends at its id, so
 * tickers wait in a map until the book reaches their id. The data README states 1,072 such ids, all matching.
 */
class BookOracleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> books() {
        return Stream.of(
                Arguments.of("NaiveOrderBook", (Supplier<OrderBook>) NaiveOrderBook::new),
                Arguments.of("ArrayOrderBook", (Supplier<OrderBook>) ArrayOrderBook::new));
    }

    @ParameterizedTest(name = "{0}: rebuilt book equals bookTicker at all 1072 shared update ids")
    @MethodSource("books")
    void rebuiltBookMatchesBookTicker(String name, Supplier<OrderBook> factory) throws Exception {
        Path a = SharedData.recording2024a();
        Path b = SharedData.recording2024b();
        BookSynchronizer sync = new BookSynchronizer(factory.get());
        OrderBook book = sync.book();
        LevelBuffer bids = new LevelBuffer();
        LevelBuffer asks = new LevelBuffer();
        int compared = 0;
        int diffs = 0;
        List<String> mismatches = new ArrayList<>();
        Map<Long, long[]> tickers = new HashMap<>(); // bookTicker u -> {b, B, a, A} not yet reached by the book
        for (Path p : List.of(a, b)) {
            try (RecordingFile.Reader r = RecordingFile.open(p)) {
                while (r.hasNext()) {
                    RecordedFrame f = r.next();
                    JsonNode root = JSON.readTree(f.frame());
                    if (f.isDepthSnapshot()) {
                        fill(bids, root.get("bids"));
                        fill(asks, root.get("asks"));
                        sync.onSnapshot(root.get("lastUpdateId").asLong(), bids, asks);
                        continue;
                    }
                    String stream = root.path("stream").asText();
                    JsonNode d = root.get("data");
                    if (stream.endsWith("@depth@100ms")) {
                        fill(bids, d.get("b"));
                        fill(asks, d.get("a"));
                        sync.onDiff(d.get("U").asLong(), d.get("u").asLong(), bids, asks);
                        diffs++;
                        // bookTicker is real time: the ticker of an id usually arrives before its 100 ms diff
                        long[] t = tickers.remove(sync.lastUpdateId());
                        if (t != null && sync.inSync()) {
                            compared++;
                            compare(book, sync.lastUpdateId(), t, mismatches);
                        }
                    } else if (stream.endsWith("@bookTicker")) {
                        long u = d.get("u").asLong();
                        long[] t = {Decimals.parse(d.get("b").asText()), Decimals.parse(d.get("B").asText()),
                                Decimals.parse(d.get("a").asText()), Decimals.parse(d.get("A").asText())};
                        if (sync.inSync() && u == sync.lastUpdateId()) {
                            compared++;
                            compare(book, u, t, mismatches);
                        } else if (!sync.inSync() || u > sync.lastUpdateId()) {
                            tickers.put(u, t);
                        }
                    }
                }
            }
        }
        assertThat(diffs).isEqualTo(6495);
        assertThat(sync.inSync()).isTrue();
        assertThat(sync.gapCount()).isZero();
        assertThat(mismatches).isEmpty();
        assertThat(compared).isEqualTo(1072);
    }

    private static void compare(OrderBook book, long u, long[] t, List<String> mismatches) {
        if (t[0] != book.bestBidPrice() || t[1] != book.bestBidQty()
                || t[2] != book.bestAskPrice() || t[3] != book.bestAskQty()) {
            mismatches.add("u=" + u);
        }
    }

    private static void fill(LevelBuffer buf, JsonNode levels) {
        buf.clear();
        for (JsonNode lv : levels) {
            buf.add(Decimals.parse(lv.get(0).asText()), Decimals.parse(lv.get(1).asText()));
        }
    }
}
