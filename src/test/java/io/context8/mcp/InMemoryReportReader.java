package io.context8.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ReportReader} over a map, with a switch that makes every read fail as if Redis were down. */
public class InMemoryReportReader implements ReportReader {

    private final Map<String, String> reports = new ConcurrentHashMap<>();
    private volatile boolean unavailable;

    @Override
    public Optional<String> read(String symbol) {
        if (unavailable) {
            throw new BackendUnavailableException("store unreachable (test)");
        }
        return Optional.ofNullable(reports.get(symbol));
    }

    public void put(String symbol, String json) {
        reports.put(symbol, json);
    }

    public void clear() {
        reports.clear();
        unavailable = false;
    }

    public void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** A test resource under {@code mcp/} as text. */
    public static String resource(String name) {
        try (InputStream in = InMemoryReportReader.class.getClassLoader().getResourceAsStream("mcp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource mcp/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
