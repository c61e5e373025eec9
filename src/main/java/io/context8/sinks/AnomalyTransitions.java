package io.context8.sinks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.context8.metrics.Severity;

/**
 * Turns the stream of one sink's reports into anomaly onsets and ends, per symbol and anomaly type: an anomaly is
 * active while the symbol's report lists its type with a severity at or above the threshold. It {@code start}s
 * on the first report where it is active after one where it was not, and {@code end}s on the first report where
 * it is no longer active (type absent or severity below the threshold). A severity change that stays at or above
 * the threshold is neither. Other symbols' reports never touch a symbol's state, and a report without an
 * {@code anomalies} array (the step was removed from the chain; the section is {@code null} or missing) says
 * nothing: no transition, the state is kept. Several entries of one type in a report count as their highest
 * severity. Plain Java, one instance per sink route, not thread-safe (the sink's single consumer calls it).
 */
public final class AnomalyTransitions {

    /** {@code start} or {@code end}. */
    public enum Event {
        START, END;

        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One transition. For {@code start} the anomaly as reported in the onset report; for {@code end} as last
     * reported while active. {@code reportTime} and {@code marketTime} are those of the report where the
     * transition was seen ({@code timestamps.generated_at}, {@code market_time}; null when absent).
     */
    public record Alert(Event event, String symbol, String type, Severity severity, String note, JsonNode evidence,
            String reportTime, String marketTime) {
    }

    private record Seen(Severity severity, String note, JsonNode evidence) {
    }

    private final Severity threshold;
    private final Map<String, Map<String, Seen>> activeBySymbol = new HashMap<>();

    public AnomalyTransitions(Severity threshold) {
        this.threshold = threshold;
    }

    /** Parses {@code low}, {@code medium} or {@code high} (any case). */
    public static Severity severity(String text) {
        try {
            return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("severity must be low, medium or high, got \"" + text + "\"");
        }
    }

    /** The transitions this report makes: ends first, then starts, each in type order of the report. */
    public List<Alert> onReport(JsonNode report) {
        String symbol = text(report.get("symbol"));
        JsonNode anomalies = report.get("anomalies");
        if (symbol == null || anomalies == null || !anomalies.isArray()) {
            return List.of();
        }
        Map<String, Seen> now = new LinkedHashMap<>();
        for (JsonNode a : anomalies) {
            String type = text(a.get("type"));
            Severity severity = parse(text(a.get("severity")));
            if (type == null || severity == null || severity.compareTo(threshold) < 0) {
                continue;
            }
            Seen before = now.get(type);
            if (before == null || severity.compareTo(before.severity()) > 0) {
                now.put(type, new Seen(severity, text(a.get("note")), a.get("evidence")));
            }
        }
        String reportTime = text(report.path("timestamps").get("generated_at"));
        String marketTime = text(report.get("market_time"));
        Map<String, Seen> active = activeBySymbol.computeIfAbsent(symbol, s -> new LinkedHashMap<>());
        List<Alert> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, Seen>> it = active.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Seen> e = it.next();
            if (!now.containsKey(e.getKey())) {
                Seen s = e.getValue();
                out.add(new Alert(Event.END, symbol, e.getKey(), s.severity(), s.note(), s.evidence(), reportTime,
                        marketTime));
                it.remove();
            }
        }
        for (Map.Entry<String, Seen> e : now.entrySet()) {
            Seen s = e.getValue();
            if (active.put(e.getKey(), s) == null) {
                out.add(new Alert(Event.START, symbol, e.getKey(), s.severity(), s.note(), s.evidence(), reportTime,
                        marketTime));
            }
        }
        return out;
    }

    private static Severity parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Severity.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
