package io.context8.analytics;

/** A report ready to publish: the symbol and its JSON text. */
public record DueReport(String symbol, String json) {
}
