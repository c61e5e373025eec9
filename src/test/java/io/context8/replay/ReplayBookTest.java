package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;
import io.context8.replay.ReplayBook.Diff;
import io.context8.replay.ReplayBook.Level;
import io.context8.replay.ReplayBook.Snapshot;
import io.context8.testsupport.SharedData;

class ReplayBookTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Level l(String p, String q) {
        return new Level(p, q);
    }

    @Test
    void emptyBookBeforeAnything() {
        ReplayBook b = new ReplayBook("BTCUSDT");
        assertThat(b.toJson(100)).isEqualTo("{\"lastUpdateId\":0,\"bids\":[],\"asks\":[]}");
        assertThat(b.partial()).isTrue();
    }

    @Test
    void zeroQuantityRemovesALevelWhateverItsTextualScale() {
        ReplayBook b = new ReplayBook("X");
        b.applySnapshot(new Snapshot(10, List.of(l("1.00000000", "1.00000000")), List.of(l("2.00000000", "1.00000000"))));
        b.applyDiff(new Diff(11, 11, List.of(l("1.0", "0")), List.of()));
        assertThat(b.bids(10)).isEmpty();
        assertThat(b.asks(10)).containsExactly(l("2.00000000", "1.00000000"));
        assertThat(b.lastUpdateId()).isEqualTo(11);
    }

    @Test
    void diffsAtOrBelowTheBookIdAreIgnored() {
        ReplayBook b = new ReplayBook("X");
        b.applySnapshot(new Snapshot(10, List.of(l("1", "1")), List.of()));
        b.applyDiff(new Diff(5, 10, List.of(l("1", "0")), List.of()));
        assertThat(b.bids(10)).containsExactly(l("1", "1"));
        assertThat(b.lastUpdateId()).isEqualTo(10);
    }

    @Test
    void anOlderSnapshotDoesNotRewindTheBook() {
        ReplayBook b = new ReplayBook("X");
        b.applySnapshot(new Snapshot(10, List.of(l("1", "1")), List.of()));
        b.applyDiff(new Diff(11, 12, List.of(l("1.5", "2")), List.of()));
        b.applySnapshot(new Snapshot(10, List.of(l("1", "1")), List.of()));
        assertThat(b.lastUpdateId()).isEqualTo(12);
        b.applySnapshot(new Snapshot(20, List.of(l("3", "1")), List.of()));
        assertThat(b.bids(10)).containsExactly(l("3", "1"));
    }

    @Test
    void deepBookIsOrderedAndCutAtTheLimit() {
        ReplayBook b = new ReplayBook("X");
        b.applySnapshot(new Snapshot(1, List.of(l("9", "1"), l("10", "1"), l("8", "1")),
                List.of(l("12", "1"), l("11", "1"), l("13", "1"))));
        assertThat(b.bids(2)).containsExactly(l("10", "1"), l("9", "1"));
        assertThat(b.asks(2)).containsExactly(l("11", "1"), l("12", "1"));
        assertThat(b.toJson(1)).isEqualTo("{\"lastUpdateId\":1,\"bids\":[[\"10\",\"1\"]],\"asks\":[[\"11\",\"1\"]]}");
    }

    @Test
    void oneSidedBook() {
        ReplayBook b = new ReplayBook("X");
        b.applyDiff(new Diff(1, 3, List.of(), List.of(l("5", "1"))));
        assertThat(b.toJson(5)).isEqualTo("{\"lastUpdateId\":3,\"bids\":[],\"asks\":[[\"5\",\"1\"]]}");
        assertThat(b.partial()).isTrue();
    }

    /**
     * Oracle (README): the book rebuilt the way the server does (first snapshot read ahead, then every diff
     * played) equals Binance's own bookTicker at every bookTicker whose u equals the book id.
     */
    @Test
    void realRecordingBookMatchesEveryBookTickerAtTheSameUpdateId() throws Exception {
        List<Path> files = List.of(SharedData.recording2024a(), SharedData.recording2024b());
        ReplayBook book = new ReplayBook("BTCUSDT");
        try (RecordingFile.Reader r = RecordingFile.open(files.get(0))) {
            while (r.hasNext()) {
                RecordedFrame f = r.next();
                if (f.isDepthSnapshot()) {
                    book.applySnapshot(ReplayBook.parseSnapshot(MAPPER, f.frame()));
                    break;
                }
            }
        }
        // bookTicker is real time, diffs come every 100 ms: a ticker may precede the diff ending at its id
        java.util.Map<Long, JsonNode> tickers = new java.util.HashMap<>();
        for (Path file : files) {
            try (RecordingFile.Reader r = RecordingFile.open(file)) {
                while (r.hasNext()) {
                    RecordedFrame f = r.next();
                    if ("btcusdt@bookTicker".equals(ReplayServer.streamName(f.frame()))) {
                        JsonNode t = MAPPER.readTree(f.frame()).path("data");
                        tickers.put(t.path("u").asLong(), t);
                    }
                }
            }
        }
        int compared = 0;
        for (Path file : files) {
            try (RecordingFile.Reader r = RecordingFile.open(file)) {
                while (r.hasNext()) {
                    RecordedFrame f = r.next();
                    if (f.isDepthSnapshot()) {
                        book.applySnapshot(ReplayBook.parseSnapshot(MAPPER, f.frame()));
                    } else if ("btcusdt@depth@100ms".equals(ReplayServer.streamName(f.frame()))) {
                        book.applyDiff(ReplayBook.parseDiff(MAPPER.readTree(f.frame()).path("data")));
                        JsonNode t = tickers.get(book.lastUpdateId());
                        if (t != null) {
                            assertThat(book.bids(1)).as("best bid at %d", book.lastUpdateId())
                                    .containsExactly(l(t.path("b").asText(), t.path("B").asText()));
                            assertThat(book.asks(1)).as("best ask at %d", book.lastUpdateId())
                                    .containsExactly(l(t.path("a").asText(), t.path("A").asText()));
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(1_072);
    }
}
