package io.context8.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.context8.recording.FrameRecorder;

/**
 * Small generated recordings with hand-computed books, so the replay tests run without the real data.
 * File A (BTCUSDT): two diffs older than the snapshot, a diff spanning it, then the snapshot line (as in the
 * real capture), an 800 ms gap, then more frames. File B (ETHUSDT): the snapshot is its FIRST line, so its
 * symbol must be read ahead. File C (BTCUSDT): diffs only, no snapshot.
 */
final class ReplayFixtures {

    static final long T0 = 1_700_000_000_000_000_000L;
    static final long MS = 1_000_000L;
    static final long GAP_MS = 800;

    /** A recorded line: offset from T0 in nanoseconds and the frame text. */
    record Line(long offsetNanos, String frame) {
        boolean isSnapshot() {
            return frame.startsWith("{\"lastUpdateId\"");
        }

        String stream() {
            return ReplayServer.streamName(frame);
        }
    }

    static final String SNAPSHOT_A = "{\"lastUpdateId\":112,"
            + "\"bids\":[[\"100.00000000\",\"1.50000000\"],[\"99.00000000\",\"2.00000000\"],[\"98.00000000\",\"3.00000000\"]],"
            + "\"asks\":[[\"101.00000000\",\"1.00000000\"],[\"102.00000000\",\"2.00000000\"],[\"103.00000000\",\"5.00000000\"]]}";

    /** Book A after diff 3 (u=115) applied onto the snapshot: the state during the gap. */
    static final String BOOK_A_MID = "{\"lastUpdateId\":115,"
            + "\"bids\":[[\"99.50000000\",\"4.00000000\"],[\"99.00000000\",\"2.00000000\"],[\"98.00000000\",\"3.00000000\"]],"
            + "\"asks\":[[\"101.00000000\",\"0.50000000\"],[\"102.00000000\",\"2.00000000\"],[\"103.00000000\",\"5.00000000\"]]}";

    /** Book A after the last diff (u=120). */
    static final String BOOK_A_END = "{\"lastUpdateId\":120,"
            + "\"bids\":[[\"99.50000000\",\"4.00000000\"],[\"98.00000000\",\"3.00000000\"]],"
            + "\"asks\":[[\"100.90000000\",\"0.70000000\"],[\"101.00000000\",\"0.50000000\"],[\"102.00000000\",\"2.00000000\"]]}";

    static final String SNAPSHOT_B = "{\"lastUpdateId\":500,"
            + "\"bids\":[[\"10.00000000\",\"1.00000000\"]],\"asks\":[[\"11.00000000\",\"1.00000000\"]]}";

    static final String BOOK_B_END = "{\"lastUpdateId\":502,"
            + "\"bids\":[[\"10.50000000\",\"2.00000000\"],[\"10.00000000\",\"1.00000000\"]],"
            + "\"asks\":[[\"11.00000000\",\"1.00000000\"]]}";

    /** Book C: diffs 1 and 2 from an empty book. */
    static final String BOOK_C_END = "{\"lastUpdateId\":110,"
            + "\"bids\":[[\"100.00000000\",\"1.00000000\"],[\"99.00000000\",\"2.00000000\"],[\"98.00000000\",\"3.00000000\"]],"
            + "\"asks\":[[\"101.00000000\",\"1.00000000\"],[\"102.00000000\",\"2.00000000\"]]}";

    private ReplayFixtures() {
    }

    static String diff(String sym, long first, long last, String bids, String asks) {
        return "{\"stream\":\"" + sym + "@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1700000000100,\"s\":\""
                + sym.toUpperCase() + "\",\"U\":" + first + ",\"u\":" + last + ",\"b\":" + bids + ",\"a\":" + asks + "}}";
    }

    static String trade(String sym, long id, String price) {
        return "{\"stream\":\"" + sym + "@trade\",\"data\":{\"e\":\"trade\",\"E\":1700000000200,\"s\":\""
                + sym.toUpperCase() + "\",\"t\":" + id + ",\"p\":\"" + price + "\",\"q\":\"0.01000000\","
                + "\"T\":1700000000199,\"m\":true,\"M\":true}}";
    }

    static String bookTicker(String sym, long u, String bid, String ask) {
        return "{\"stream\":\"" + sym + "@bookTicker\",\"data\":{\"u\":" + u + ",\"s\":\"" + sym.toUpperCase()
                + "\",\"b\":\"" + bid + "\",\"B\":\"1.00000000\",\"a\":\"" + ask + "\",\"A\":\"1.00000000\"}}";
    }

    static List<Line> fileA() {
        List<String> before = List.of(
                diff("btcusdt", 101, 105, "[[\"100.00000000\",\"1.00000000\"],[\"99.00000000\",\"2.00000000\"]]",
                        "[[\"101.00000000\",\"1.00000000\"]]"),
                diff("btcusdt", 106, 110, "[[\"98.00000000\",\"3.00000000\"]]", "[[\"102.00000000\",\"2.00000000\"]]"),
                trade("btcusdt", 1, "100.50000000"),
                bookTicker("btcusdt", 110, "100.00000000", "101.00000000"),
                "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1700000000300,\"s\":\"BTCUSDT\","
                        + "\"a\":7,\"p\":\"100.5\",\"q\":\"0.01\",\"f\":1,\"l\":1,\"T\":1700000000299,\"m\":true,\"M\":true}}",
                diff("btcusdt", 111, 115, "[[\"100.00000000\",\"0.00000000\"],[\"99.50000000\",\"4.00000000\"]]",
                        "[[\"101.00000000\",\"0.50000000\"]]"),
                SNAPSHOT_A);
        List<String> after = List.of(
                trade("btcusdt", 2, "99.50000000"),
                diff("btcusdt", 116, 120, "[[\"99.00000000\",\"0.00000000\"]]",
                        "[[\"100.90000000\",\"0.70000000\"],[\"103.00000000\",\"0.00000000\"]]"),
                bookTicker("btcusdt", 120, "99.50000000", "100.90000000"),
                trade("btcusdt", 3, "100.90000000"));
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            out.add(new Line(i * MS, before.get(i)));
        }
        for (int i = 0; i < after.size(); i++) {
            out.add(new Line((GAP_MS + i) * MS, after.get(i)));
        }
        return out;
    }

    /** Lines of file A played before the gap (snapshot line included). */
    static final int A_BEFORE_GAP = 7;

    static List<Line> fileB() {
        long base = (GAP_MS + 10) * MS;
        return List.of(
                new Line(base, SNAPSHOT_B),
                new Line(base + MS, diff("ethusdt", 501, 502, "[[\"10.50000000\",\"2.00000000\"]]", "[]")),
                new Line(base + 2 * MS, trade("ethusdt", 9, "10.60000000")),
                new Line(base + 3 * MS, bookTicker("ethusdt", 502, "10.50000000", "11.00000000")));
    }

    static List<Line> fileC() {
        List<Line> a = fileA();
        return List.of(a.get(0), a.get(1), a.get(2));
    }

    static Path write(Path file, List<Line> lines) throws IOException {
        try (FrameRecorder r = new FrameRecorder(file)) {
            for (Line l : lines) {
                r.record(T0 + l.offsetNanos(), l.frame());
            }
        }
        return file;
    }

    /** A long single-stream recording (trade ids 1..n) for backpressure tests. */
    static Path writeTrades(Path file, int n) throws IOException {
        try (FrameRecorder r = new FrameRecorder(file)) {
            for (int i = 1; i <= n; i++) {
                r.record(T0 + i * 1000L, trade("btcusdt", i, "100.50000000"));
            }
        }
        return file;
    }
}
