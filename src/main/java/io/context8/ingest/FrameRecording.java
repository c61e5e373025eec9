package io.context8.ingest;

import java.io.IOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.context8.recording.FrameRecorder;

/**
 * Record mode ({@code CONTEXT8_RECORD=<path.gz>}): every frame and REST snapshot that ingest receives is also
 * written, unmodified, to a recording that the replay server plays back bit for bit. A no-op when off. A frame
 * that cannot be recorded (e.g. it spans lines) is logged and skipped from the recording only: ingest goes on.
 */
public class FrameRecording implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameRecording.class);
    private long failures;

    private final FrameRecorder recorder;

    /** @param path the recording to write, or blank for off */
    public FrameRecording(String path) throws IOException {
        this.recorder = path == null || path.isBlank() ? null : new FrameRecorder(Path.of(path));
    }

    public boolean enabled() {
        return recorder != null;
    }

    /** Records the frame text as received (the body, before normalization). */
    public void recordFrame(String frame) {
        if (recorder != null) {
            try {
                recorder.record(frame);
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1 || failures % 1000 == 0) {
                    LOG.warn("Could not record frame ({} so far): {}", failures, e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (recorder != null) {
            recorder.close();
        }
    }
}
