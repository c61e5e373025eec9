package io.context8.analytics;

/**
 * Settings of the book's self-verification and resync requests, from {@code context8.book.*}.
 *
 * @param frozenAfterMs    event time the book's update id may stay above every bookTicker's u (while tickers
 *                         arrive) before the book is suspect ({@link io.context8.book.BookVerifier})
 * @param frozenMinTickers bookTickers, all below the book's id, that must arrive meanwhile
 * @param resyncIntervalMs at most one resync request per symbol per this interval (local time); also how long a
 *                         book may stay out of sync (gap, stale snapshot, awaiting one) while diffs flow before
 *                         analytics asks for a snapshot itself
 */
public record BookCheckSettings(long frozenAfterMs, int frozenMinTickers, long resyncIntervalMs) {

    public static BookCheckSettings defaults() {
        return new BookCheckSettings(5_000, 20, 5_000);
    }
}
