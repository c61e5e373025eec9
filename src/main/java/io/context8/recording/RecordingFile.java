package io.context8.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Reads a recording: gzip text, one {@code <local receive timestamp> <frame>} per line. Lines that do not
 * have that shape are skipped and counted in {@link Reader#skippedLines()}.
 */
public final class RecordingFile {

    private RecordingFile() {
    }

    /** Opens a recording for sequential reading. The caller closes the reader. */
    public static Reader open(Path path) throws IOException {
        return new Reader(new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(path), 1 << 16), StandardCharsets.UTF_8), 1 << 16));
    }

    /**
     * Normalizes a recorder timestamp to epoch nanoseconds: the 2024 captures use nanoseconds, the 2023 one
     * microseconds, and milliseconds are accepted too; the unit is told apart by magnitude.
     */
    static long toEpochNanos(long ts) {
        if (ts >= 100_000_000_000_000_000L) {
            return ts; // nanoseconds (after 1973)
        }
        if (ts >= 100_000_000_000_000L) {
            return ts * 1_000L; // microseconds
        }
        return ts * 1_000_000L; // milliseconds
    }

    /** Parses one line, or returns null when it is not {@code <digits> <frame>}. */
    public static RecordedFrame parseLine(String line) {
        int space = line.indexOf(' ');
        if (space <= 0 || space == line.length() - 1) {
            return null;
        }
        long ts = 0;
        for (int i = 0; i < space; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9' || i > 18) {
                return null;
            }
            ts = ts * 10 + (c - '0');
        }
        return new RecordedFrame(ts, line.substring(space + 1));
    }

    /** Sequential reader over the frames of one recording. */
    public static final class Reader implements Iterator<RecordedFrame>, AutoCloseable {
        private final BufferedReader in;
        private RecordedFrame next;
        private long skipped;

        private Reader(BufferedReader in) {
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                String line;
                while ((line = in.readLine()) != null) {
                    RecordedFrame f = parseLine(line);
                    if (f != null) {
                        next = f;
                        return true;
                    }
                    if (!line.isBlank()) {
                        skipped++;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public RecordedFrame next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            RecordedFrame f = next;
            next = null;
            return f;
        }

        /** Lines that were neither blank nor {@code <timestamp> <frame>}. */
        public long skippedLines() {
            return skipped;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
