package io.context8.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.context8.replay.ReplaySpeed;

/**
 * Where ingest's market data comes from, carried to analytics (possibly another process) in ingest's heartbeat
 * and written into every report as {@code source}.
 *
 * @param kind      the configured {@code context8.source} ({@code live}, {@code replay}, or any other configured
 *                  value, passed through), {@code unknown} before analytics has read a heartbeat
 * @param speed     replay only: {@code max} or the factor as {@code <n>x}; null otherwise
 * @param recording replay only: the recording file names played in order (names only, never directories); null
 *                  otherwise
 */
public record FeedSource(String kind, String speed, List<String> recording) {

    public static final String REPLAY = "replay";
    public static final FeedSource UNKNOWN = new FeedSource("unknown", null, null);

    public FeedSource {
        recording = recording == null ? null : List.copyOf(recording);
    }

    /** From the configuration: {@code context8.source}, {@code context8.replay.speed}, {@code .files}. */
    public static FeedSource of(String source, String speed, List<String> files) {
        String kind = source == null || source.isBlank() ? "live" : source.trim().toLowerCase(Locale.ROOT);
        if (!REPLAY.equals(kind)) {
            return new FeedSource(kind, null, null);
        }
        List<String> names = new ArrayList<>();
        for (String f : files) {
            if (!f.isBlank()) {
                Path name = Path.of(f.trim()).getFileName();
                names.add(name == null ? f.trim() : name.toString());
            }
        }
        return new FeedSource(kind, speedText(speed), names);
    }

    /** {@code max}, or the factor without trailing zeros followed by {@code x} ({@code 20x}, {@code 0.5x}). */
    static String speedText(String speed) {
        try {
            ReplaySpeed s = ReplaySpeed.parse(speed);
            return s.isMax() ? "max" : java.math.BigDecimal.valueOf(s.factor()).stripTrailingZeros().toPlainString() + "x";
        } catch (IllegalArgumentException e) {
            return speed == null ? null : speed.trim();
        }
    }

    /** The heartbeat's {@code source} object (allocates). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("speed", speed);
        m.put("recording", recording);
        return m;
    }

    /** Reads a heartbeat's {@code source} object; {@link #UNKNOWN} when absent or without a kind. */
    public static FeedSource fromJson(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("kind").isTextual() || n.path("kind").asText().isBlank()) {
            return UNKNOWN;
        }
        String speed = n.path("speed").isTextual() ? n.path("speed").asText() : null;
        List<String> recording = null;
        if (n.path("recording").isArray()) {
            recording = new ArrayList<>();
            for (JsonNode f : n.get("recording")) {
                recording.add(f.asText());
            }
        }
        return new FeedSource(n.get("kind").asText(), speed, recording);
    }
}
