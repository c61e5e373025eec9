package io.context8.metrics;

import java.util.Map;

/**
 * One anomaly of a report: its type ({@code spoofing}, {@code iceberg}, {@code flash_crash_risk}), severity,
 * a one-sentence note for a reader, and the numbers that support it ({@code evidence}: name to Number or String).
 */
public record Anomaly(String type, Severity severity, String note, Map<String, Object> evidence) {
}
