package io.context8.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ReportReader} and {@link MarketDataReader} over maps, with a switch that makes every read fail as if
 * Redis were down.
 */
public class InMemoryReportReader implements ReportReader, MarketDataReader {

    private final Map<String, String> reports = new ConcurrentHashMap<>();
    private final Map<String, String> strings = new ConcurrentHashMap<>();
    private final Map<String, List<String>> sortedNewestFirst = new ConcurrentHashMap<>();
    private volatile boolean unavailable;

    @Override
    public Optional<String> read(String symbol) {
        if (unavailable) {
            throw new BackendUnavailableException("store unreachable (test)");
        }
        return Optional.ofNullable(reports.get(symbol));
    }

    @Override
    public Optional<String> get(String key) {
        if (unavailable) {
            throw new BackendUnavailableException("store unreachable (test)");
        }
        return Optional.ofNullable(strings.get(key));
    }

    @Override
    public List<String> newest(String key, int count) {
        if (unavailable) {
            throw new BackendUnavailableException("store unreachable (test)");
        }
        List<String> members = sortedNewestFirst.getOrDefault(key, List.of());
        return List.copyOf(members.subList(0, Math.min(count, members.size())));
    }

    /** A string key (e.g. book:BTCUSDT). */
    public void putString(String key, String value) {
        strings.put(key, value);
    }

    /** A sorted set's members, highest score first. */
    public void putSorted(String key, List<String> newestFirst) {
        sortedNewestFirst.put(key, List.copyOf(newestFirst));
    }

    public void put(String symbol, String json) {
        reports.put(symbol, json);
    }

    public void clear() {
        reports.clear();
        strings.clear();
        sortedNewestFirst.clear();
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
