package io.context8.analytics;

import java.time.Instant;

/**
 * A request from analytics to ingest for a fresh depth snapshot of {@code symbol} (route
 * {@code request-book-resync}): the book is suspect, or out of sync for longer than ingest should have needed.
 *
 * @param reason        {@code book_ticker_mismatch}, {@code crossed_book}, {@code frozen_book} (suspect), or the
 *                      book state that lasted too long ({@code gap}, {@code stale_snapshot},
 *                      {@code awaiting_snapshot})
 * @param requestedAtMs local time of the request
 */
public record ResyncRequest(String symbol, String reason, long requestedAtMs) {

    /** The stream entry's event field: {@code {"symbol","reason","requested_at"}}. */
    public String json() {
        return "{\"symbol\":\"" + symbol + "\",\"reason\":\"" + reason + "\",\"requested_at\":\""
                + Instant.ofEpochMilli(requestedAtMs) + "\"}";
    }
}
