package io.context8.recording;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a recording that {@link RecordingFile} reads and the replay server plays back bit for bit: gzip
 * text, one {@code <epoch nanos> <frame text>} line per websocket frame, and each REST depth snapshot body
 * ({@code {"lastUpdateId":...}}) inline as its own line. Appends to an existing file as a new gzip member
 * (readers see one continuous stream). Thread-safe, buffered; {@link #flush()} pushes the buffered lines
 * through the compressor (sync flush), {@link #close()} flushes and finishes the file.
 */
public final class FrameRecorder implements Closeable {

    private final Path path;
    private final Clock clock;
    private final Writer out;
    private long lines;
    private boolean closed;

    /** Records to {@code path} (created, or appended to) with receive times from the system clock. */
    public FrameRecorder(Path path) throws IOException {
        this(path, Clock.systemUTC());
    }

    /** Records to {@code path} with receive times from {@code clock}. */
    public FrameRecorder(Path path, Clock clock) throws IOException {
        this.path = path;
        this.clock = clock;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(path,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE), 1 << 16, true),
                StandardCharsets.UTF_8), 1 << 16);
    }

    /** Records a frame (websocket message or REST snapshot body) received now. */
    public void record(String frame) {
        Instant now = clock.instant();
        record(now.getEpochSecond() * 1_000_000_000L + now.getNano(), frame);
    }

    /**
     * Records a frame received at {@code epochNanos}.
     *
     * @throws IllegalArgumentException when the frame is empty or holds a line break (it would split the line)
     */
    public synchronized void record(long epochNanos, String frame) {
        if (frame == null || frame.isEmpty() || frame.indexOf('\n') >= 0 || frame.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A recorded frame must be non-empty and on one line");
        }
        if (epochNanos < 0) {
            throw new IllegalArgumentException("Negative timestamp " + epochNanos);
        }
        if (closed) {
            throw new IllegalStateException("Recorder closed: " + path);
        }
        try {
            out.write(Long.toString(epochNanos));
            out.write(' ');
            out.write(frame);
            out.write('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write recording " + path, e);
        }
    }

    /** Lines written so far. */
    public synchronized long lines() {
        return lines;
    }

    /** Pushes buffered lines to the file so that a reader sees them before {@link #close()}. */
    public synchronized void flush() {
        if (closed) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot flush recording " + path, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
