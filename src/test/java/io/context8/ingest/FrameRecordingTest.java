package io.context8.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;

class FrameRecordingTest {

    @Test
    @DisplayName("record mode writes every frame verbatim, in order, readable as a recording")
    void recordsVerbatim(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.gz");
        List<String> frames = List.of("{\"stream\":\"btcusdt@trade\",\"data\":{\"p\":\"1.00000000\"}}",
                "{\"lastUpdateId\":5,\"bids\":[],\"asks\":[]}", "not even json");
        try (FrameRecording rec = new FrameRecording(file.toString())) {
            assertThat(rec.enabled()).isTrue();
            frames.forEach(rec::recordFrame);
        }
        List<String> back = new ArrayList<>();
        try (RecordingFile.Reader r = RecordingFile.open(file)) {
            r.forEachRemaining(f -> back.add(f.frame()));
        }
        assertThat(back).containsExactlyElementsOf(frames);
        try (RecordingFile.Reader r = RecordingFile.open(file)) {
            RecordedFrame first = r.next();
            assertThat(first.localEpochNanos()).isPositive();
            assertThat(r.next().isDepthSnapshot()).isTrue();
        }
    }

    @Test
    @DisplayName("a frame that cannot be recorded is skipped from the recording only, ingest goes on")
    void unrecordableFrameDoesNotThrow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.gz");
        try (FrameRecording rec = new FrameRecording(file.toString())) {
            rec.recordFrame("two\nlines");
            rec.recordFrame(null);
            rec.recordFrame("ok");
        }
        try (RecordingFile.Reader r = RecordingFile.open(file)) {
            assertThat(r.next().frame()).isEqualTo("ok");
            assertThat(r.hasNext()).isFalse();
        }
    }

    @Test
    @DisplayName("off (blank path): a no-op that writes nothing")
    void offWritesNothing(@TempDir Path dir) throws Exception {
        try (FrameRecording rec = new FrameRecording("")) {
            assertThat(rec.enabled()).isFalse();
            rec.recordFrame("x");
        }
        assertThat(Files.list(dir)).isEmpty();
    }
}
