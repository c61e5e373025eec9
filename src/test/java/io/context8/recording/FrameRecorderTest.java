package io.context8.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameRecorderTest {

    @TempDir
    Path dir;

    private static List<RecordedFrame> readAll(Path file) throws Exception {
        List<RecordedFrame> out = new ArrayList<>();
        try (RecordingFile.Reader r = RecordingFile.open(file)) {
            r.forEachRemaining(out::add);
            assertThat(r.skippedLines()).isZero();
        }
        return out;
    }

    @Test
    void framesAndInlineSnapshotReadBackIdentical() throws Exception {
        Path file = dir.resolve("rec.gz");
        List<String> frames = List.of(
                "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"p\":\"61837.63000000\"}}",
                "{\"lastUpdateId\":50093239218,\"bids\":[[\"61837.63000000\",\"3.78826000\"]],\"asks\":[]}",
                "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":1,\"s\":\"BTCUSDT\",\"b\":\"1\",\"B\":\"2\",\"a\":\"3\",\"A\":\"4\"}}",
                "{\"stream\":\"x@trade\",\"data\":{\"note\":\"unicode \u00e9\u20ac and spaces  inside\"}}");
        long t = 1_723_161_253_937_085_768L;
        try (FrameRecorder rec = new FrameRecorder(file)) {
            for (int i = 0; i < frames.size(); i++) {
                rec.record(t + i, frames.get(i));
            }
            assertThat(rec.lines()).isEqualTo(frames.size());
        }
        List<RecordedFrame> back = readAll(file);
        assertThat(back).extracting(RecordedFrame::frame).containsExactlyElementsOf(frames);
        assertThat(back).extracting(RecordedFrame::localTimestamp).containsExactly(t, t + 1, t + 2, t + 3);
        assertThat(back.get(1).isDepthSnapshot()).isTrue();
        assertThat(back.get(0).localEpochNanos()).isEqualTo(t);
    }

    @Test
    void clockTimestampsAreEpochNanos() throws Exception {
        Path file = dir.resolve("now.gz");
        long before = System.currentTimeMillis();
        try (FrameRecorder rec = new FrameRecorder(file)) {
            rec.record("{\"stream\":\"a@trade\",\"data\":{}}");
        }
        long ts = readAll(file).get(0).localTimestamp();
        assertThat(ts / 1_000_000L).isBetween(before - 1_000, System.currentTimeMillis() + 1_000);
    }

    @Test
    void flushMakesLinesReadableBeforeClose() throws Exception {
        Path file = dir.resolve("flush.gz");
        try (FrameRecorder rec = new FrameRecorder(file)) {
            rec.record(1_700_000_000_000_000_000L, "{\"stream\":\"a@trade\",\"data\":{}}");
            rec.flush();
            // the gzip trailer is missing until close: read only the bytes already there
            try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file))) {
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                assertThat(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo("1700000000000000000 {\"stream\":\"a@trade\",\"data\":{}}\n");
            }
        }
    }

    @Test
    void reopeningAppendsANewGzipMember() throws Exception {
        Path file = dir.resolve("append.gz");
        try (FrameRecorder rec = new FrameRecorder(file)) {
            rec.record(1_700_000_000_000_000_001L, "{\"stream\":\"a@trade\",\"data\":1}");
        }
        try (FrameRecorder rec = new FrameRecorder(file)) {
            rec.record(1_700_000_000_000_000_002L, "{\"stream\":\"a@trade\",\"data\":2}");
        }
        assertThat(readAll(file)).extracting(RecordedFrame::frame)
                .containsExactly("{\"stream\":\"a@trade\",\"data\":1}", "{\"stream\":\"a@trade\",\"data\":2}");
    }

    @Test
    void concurrentWritersNeverInterleaveLines() throws Exception {
        Path file = dir.resolve("concurrent.gz");
        int threads = 4;
        int perThread = 2_000;
        try (FrameRecorder rec = new FrameRecorder(file)) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                all.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < perThread; i++) {
                        rec.record(1_700_000_000_000_000_000L + i,
                                "{\"stream\":\"t" + id + "@trade\",\"data\":{\"i\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}}");
                    }
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        List<RecordedFrame> back = readAll(file);
        assertThat(back).hasSize(threads * perThread);
        Set<String> distinct = new HashSet<>();
        back.forEach(f -> distinct.add(f.frame()));
        assertThat(distinct).hasSize(threads * perThread);
    }

    @ParameterizedTest(name = "rejects frame {0}")
    @ValueSource(strings = {"", "a\nb", "a\rb"})
    void rejectsFramesThatWouldBreakTheLineFormat(String frame) throws Exception {
        try (FrameRecorder rec = new FrameRecorder(dir.resolve("bad.gz"))) {
            assertThatThrownBy(() -> rec.record(1L, frame)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void recordAfterCloseFails() throws Exception {
        FrameRecorder rec = new FrameRecorder(dir.resolve("closed.gz"));
        rec.close();
        assertThatThrownBy(() -> rec.record(1L, "{}")).isInstanceOf(IllegalStateException.class);
    }
}
