package io.context8.sinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.Body;

/**
 * Name of the JSON-lines file the next report is appended to, in a directory of the {@code report-to-file} sink:
 * <ul>
 *   <li>{@code roll = day}: {@code <prefix>-<yyyy-MM-dd>.jsonl}, one file per UTC day of writing;</li>
 *   <li>{@code roll = size}: {@code <prefix>-<n>.jsonl}, n = 1, 2, ...; the next file is begun when the line would
 *       take a non-empty file past {@code maxBytes}; after a restart the highest existing n goes on.</li>
 * </ul>
 * One instance per sink route, called on the sink's single consumer thread (reads the file's size per line).
 */
public final class RollingReportFile {

    /** How files roll. */
    public enum Roll { DAY, SIZE }

    private final Path directory;
    private final String prefix;
    private final Roll roll;
    private final long maxBytes;
    private final Clock clock;
    private final Pattern numbered;
    private int index;

    public RollingReportFile(String directory, String prefix, String roll, long maxBytes) {
        this(directory, prefix, roll, maxBytes, Clock.systemUTC());
    }

    RollingReportFile(String directory, String prefix, String roll, long maxBytes, Clock clock) {
        if (prefix == null || prefix.isBlank() || prefix.contains("/") || prefix.contains("\\")) {
            throw new IllegalArgumentException("prefix must be a plain file name part, got \"" + prefix + "\"");
        }
        this.directory = Path.of(directory);
        this.prefix = prefix;
        try {
            this.roll = Roll.valueOf(roll.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("roll must be day or size, got \"" + roll + "\"");
        }
        if (this.roll == Roll.SIZE && maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be 1 or more, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.numbered = Pattern.compile(Pattern.quote(prefix) + "-(\\d+)\\.jsonl");
        this.index = Math.max(1, highestIndex());
    }

    /** The file (relative to the directory) that the report {@code line} (without its newline) goes to. */
    public String fileFor(@Body String line) {
        if (roll == Roll.DAY) {
            return prefix + "-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".jsonl";
        }
        long size = size(prefix + "-" + index + ".jsonl");
        long add = line == null ? 1 : line.getBytes(StandardCharsets.UTF_8).length + 1L;
        if (size > 0 && size + add > maxBytes) {
            index++;
        }
        return prefix + "-" + index + ".jsonl";
    }

    private long size(String name) {
        try {
            Path p = directory.resolve(name);
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int highestIndex() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int max = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = numbered.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).length() < 10) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return max;
    }
}
