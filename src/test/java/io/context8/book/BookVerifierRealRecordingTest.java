package io.context8.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;
import io.context8.testsupport.SharedData;

/**
 * The verifier on the real Spot recordings: every bookTicker comparison matches (the data README: 1,072 of 1,072
 * on 2024 BTCUSDT) and no rule ever suspects the book. Also measures how long, in event time and in
 * bookTickers, the book's id stayed above every bookTicker's u (the frozen rule's margin) and prints it. The 2023
 * file has no REST snapshot: its book never syncs, so nothing is compared and nothing may be suspected. Futures
 * recordings chain diffs by {@code pu} (another issue) and are not read here.
 */
class BookVerifierRealRecordingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one replay of a recording measured. */
    record Result(long diffs, long tickers, long matched, long mismatched, long suspicions, long longestAheadMs,
            int mostTickersBehind, boolean synced) {
    }

    static Result replay(List<Path> files) throws IOException {
        BookSynchronizer sync = new BookSynchronizer(new ArrayOrderBook());
        BookVerifier verifier = new BookVerifier(sync, BookVerifierTest.FROZEN_AFTER_MS, BookVerifierTest.FROZEN_MIN_TICKERS);
        LevelBuffer bids = new LevelBuffer();
        LevelBuffer asks = new LevelBuffer();
        long eventMs = 0;
        long diffs = 0;
        long tickers = 0;
        long aheadSince = -1;
        int behind = 0;
        long longestAhead = 0;
        int mostBehind = 0;
        for (Path p : files) {
            try (RecordingFile.Reader r = RecordingFile.open(p)) {
                while (r.hasNext()) {
                    RecordedFrame f = r.next();
                    JsonNode root = JSON.readTree(f.frame());
                    if (f.isDepthSnapshot()) {
                        fill(bids, root.get("bids"));
                        fill(asks, root.get("asks"));
                        sync.onSnapshot(root.get("lastUpdateId").asLong(), bids, asks);
                        verifier.afterBookUpdate(eventMs);
                        continue;
                    }
                    String stream = root.path("stream").asText();
                    JsonNode d = root.get("data");
                    if (d.has("E")) {
                        eventMs = Math.max(eventMs, d.get("E").asLong());
                    }
                    if (stream.endsWith("@depth@100ms")) {
                        fill(bids, d.get("b"));
                        fill(asks, d.get("a"));
                        sync.onDiff(d.get("U").asLong(), d.get("u").asLong(), bids, asks);
                        verifier.afterBookUpdate(eventMs);
                        diffs++;
                    } else if (stream.endsWith("@bookTicker")) {
                        tickers++;
                        verifier.onTicker(d.get("u").asLong(), Decimals.parse(d.get("b").asText()),
                                Decimals.parse(d.get("B").asText()), Decimals.parse(d.get("a").asText()),
                                Decimals.parse(d.get("A").asText()), eventMs);
                        if (sync.inSync() && d.get("u").asLong() < sync.lastUpdateId()) {
                            if (aheadSince < 0) {
                                aheadSince = eventMs;
                                behind = 0;
                            }
                            behind++;
                            longestAhead = Math.max(longestAhead, eventMs - aheadSince);
                            mostBehind = Math.max(mostBehind, behind);
                        } else {
                            aheadSince = -1;
                        }
                    }
                }
            }
        }
        return new Result(diffs, tickers, verifier.matched(), verifier.mismatched(), verifier.suspicions(),
                longestAhead, mostBehind, sync.inSync());
    }

    private static void fill(LevelBuffer buf, JsonNode levels) {
        buf.clear();
        for (JsonNode lv : levels) {
            buf.add(Decimals.parse(lv.get(0).asText()), Decimals.parse(lv.get(1).asText()));
        }
    }

    @Test
    @DisplayName("spot 2024 BTCUSDT: all 1072 bookTickers at the book's id match, no suspicion, frozen rule's margin printed")
    void spot2024EveryComparisonMatches() throws IOException {
        Result r = replay(List.of(SharedData.recording2024a(), SharedData.recording2024b()));
        System.out.printf("BookVerifier spot 2024 BTCUSDT: %s%n", r);
        assertThat(r.mismatched()).isZero();
        assertThat(r.matched()).isEqualTo(1072);
        assertThat(r.suspicions()).isZero();
        assertThat(r.synced()).isTrue();
        assertThat(r.diffs()).isEqualTo(6495);
    }

    @Test
    @DisplayName("spot 2023 BTCUSDT: no snapshot recorded, so the book never syncs: nothing compared, nothing suspected")
    void spot2023NoSnapshotNoSuspicion() throws IOException {
        Result r = replay(List.of(SharedData.recording2023()));
        System.out.printf("BookVerifier spot 2023 BTCUSDT: %s%n", r);
        assertThat(r.tickers()).isEqualTo(8015);
        assertThat(r.matched() + r.mismatched()).isZero();
        assertThat(r.suspicions()).isZero();
        assertThat(r.synced()).isFalse();
    }
}
