package io.context8.metrics;

import java.util.Locale;

/** Severity of a finding, as written in reports: {@code low}, {@code medium}, {@code high}. */
public enum Severity {
    LOW, MEDIUM, HIGH;

    /** The lowercase name used in JSON. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** LOW below {@code medium}, MEDIUM below {@code high}, HIGH at or above {@code high}. */
    public static Severity of(double value, double medium, double high) {
        return value >= high ? HIGH : value >= medium ? MEDIUM : LOW;
    }
}
