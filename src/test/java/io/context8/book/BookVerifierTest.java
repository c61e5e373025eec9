package io.context8.book;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.context8.book.BookSynchronizer.State;
import io.context8.book.BookVerifier.Suspicion;

/** The verifier's rules on hand-made books: match, mismatch, crossed, frozen, no ticker stream, recovery. */
class BookVerifierTest {

    /** The application's defaults (application.yaml context8.book.*). */
    static final long FROZEN_AFTER_MS = 5_000;
    static final int FROZEN_MIN_TICKERS = 20;

    private final BookSynchronizer sync = new BookSynchronizer(new ArrayOrderBook());
    private final BookVerifier verifier = new BookVerifier(sync, FROZEN_AFTER_MS, FROZEN_MIN_TICKERS);
    private final LevelBuffer bids = new LevelBuffer();
    private final LevelBuffer asks = new LevelBuffer();

    private static long px(double p) {
        return Math.round(p * Decimals.ONE);
    }

    /** Snapshot at 100: bids 99 x 1, 98 x 2; asks 101 x 1, 102 x 2. */
    private void snapshot(long id, long t) {
        bids.clear();
        asks.clear();
        bids.add(px(99), px(1));
        bids.add(px(98), px(2));
        asks.add(px(101), px(1));
        asks.add(px(102), px(2));
        sync.onSnapshot(id, bids, asks);
        verifier.afterBookUpdate(t);
    }

    private Suspicion diff(long first, long last, double bidPx, double bidQty, long t) {
        bids.clear();
        asks.clear();
        bids.add(px(bidPx), px(bidQty));
        sync.onDiff(first, last, bids, asks);
        return verifier.afterBookUpdate(t);
    }

    private Suspicion ticker(long u, double bidPx, double bidQty, long t) {
        return verifier.onTicker(u, px(bidPx), px(bidQty), px(101), px(1), t);
    }

    @Test
    @DisplayName("a ticker at the book's id that agrees is a match; one that arrived before its diff is compared when the diff lands")
    void matches() {
        snapshot(100, 0);
        assertThat(ticker(100, 99, 1, 0)).isEqualTo(Suspicion.NONE);
        assertThat(ticker(103, 99, 3, 0)).as("ahead of the book: waits").isEqualTo(Suspicion.NONE);
        assertThat(diff(101, 103, 99, 3, 100)).isEqualTo(Suspicion.NONE);
        assertThat(verifier.matched()).isEqualTo(2);
        assertThat(ticker(103, 99, 7, 100)).as("re-delivered: ignored").isEqualTo(Suspicion.NONE);
        assertThat(verifier.matched()).isEqualTo(2);
        assertThat(verifier.mismatched()).isZero();
        assertThat(sync.state()).isEqualTo(State.SYNCED);
    }

    @Test
    @DisplayName("a ticker inside a diff's range is never compared")
    void insideADiffIsSkipped() {
        snapshot(100, 0);
        ticker(102, 42, 42, 0); // the book jumps from 100 to 105: id 102 is never the book's
        diff(101, 105, 99, 3, 100);
        assertThat(verifier.matched() + verifier.mismatched()).isZero();
        assertThat(sync.state()).isEqualTo(State.SYNCED);
    }

    @Test
    @DisplayName("mismatch: the book is discarded (suspect), diffs buffer, the next snapshot recovers it")
    void mismatchMakesTheBookSuspectUntilASnapshot() {
        snapshot(100, 0);
        ticker(101, 99, 5, 50); // Binance says 5 at 99
        assertThat(diff(101, 101, 99, 4, 100)).isEqualTo(Suspicion.MISMATCH);
        assertThat(sync.state()).isEqualTo(State.SUSPECT);
        assertThat(sync.book().levels(true)).as("a known-wrong book is never served").isZero();
        assertThat(verifier.mismatched()).isEqualTo(1);
        assertThat(verifier.lastMismatchMs()).isEqualTo(100);
        assertThat(diff(102, 102, 97, 1, 200)).isEqualTo(Suspicion.NONE);
        assertThat(sync.buffered()).isEqualTo(1);
        snapshot(101, 300); // fresh snapshot at 101; the buffered diff 102 follows
        assertThat(sync.state()).isEqualTo(State.SYNCED);
        assertThat(sync.lastUpdateId()).isEqualTo(102);
        assertThat(ticker(102, 99, 1, 300)).isEqualTo(Suspicion.NONE);
        assertThat(verifier.matched()).isEqualTo(1);
        assertThat(sync.suspectCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("crossed: a bid at or above the best ask makes the book suspect at once")
    void crossedBookIsSuspect() {
        snapshot(100, 0);
        assertThat(diff(101, 101, 101, 1, 100)).isEqualTo(Suspicion.CROSSED);
        assertThat(sync.state()).isEqualTo(State.SUSPECT);
        assertThat(verifier.suspicions(Suspicion.CROSSED)).isEqualTo(1);
        assertThat(verifier.lastSuspicion()).isEqualTo(Suspicion.CROSSED);
    }

    @Test
    @DisplayName("frozen at once: a diff with u = 2^63-1 is suspect at its own update, with or without a ticker stream")
    void maxIdIsSuspectAtOnce() {
        snapshot(100, 0);
        assertThat(diff(101, 101, 99, 1, 100)).isEqualTo(Suspicion.NONE);
        assertThat(diff(102, Long.MAX_VALUE, 99, 1, 200)).as("no ticker ever: the jump alone").isEqualTo(Suspicion.FROZEN);
        assertThat(sync.state()).isEqualTo(State.SUSPECT);
        assertThat(sync.book().levels(true)).isZero();
    }

    @Test
    @DisplayName("frozen at once: a book far ahead of the newest ticker right after a snapshot")
    void farAheadOfTheTickersAtOnce() {
        ticker(100, 99, 1, 0);
        snapshot(100 + BookVerifier.FAR_AHEAD + 1, 0);
        assertThat(sync.state()).isEqualTo(State.SUSPECT);
        assertThat(verifier.lastSuspicion()).isEqualTo(Suspicion.FROZEN);
    }

    @Test
    @DisplayName("frozen slowly: after a bogus u a million ids ahead every ticker is below the book's id; suspect once both bounds pass")
    void frozenIdIsSuspect() {
        snapshot(100, 0);
        ticker(100, 99, 1, 0);
        diff(101, 1_000_000, 99, 1, 100);
        assertThat(sync.state()).as("the id chain alone cannot tell").isEqualTo(State.SYNCED);
        Suspicion last = Suspicion.NONE;
        long t = 100;
        int n = 0;
        while (last == Suspicion.NONE && n < 1000) {
            t += 100;
            n++;
            assertThat(diff(101 + n, 101 + n, 99, 1, t)).isEqualTo(Suspicion.NONE); // ignored as old
            last = ticker(101 + n, 99, 1, t);
        }
        assertThat(last).isEqualTo(Suspicion.FROZEN);
        assertThat(n).as("tickers (one per 100 ms) until suspect").isEqualTo(50); // 5 s of event time
        assertThat(sync.state()).isEqualTo(State.SUSPECT);
    }

    @Test
    @DisplayName("frozen needs tickers: a book ahead of a silent ticker stream (a quiet top) is not suspected")
    void aheadWithoutTickersIsNotSuspect() {
        snapshot(100, 0);
        ticker(100, 99, 1, 0);
        for (int i = 0; i < 100; i++) { // 10 s of diffs below the top, no ticker
            assertThat(diff(101 + i, 101 + i, 97, 1 + i, 100L * (i + 1))).isEqualTo(Suspicion.NONE);
        }
        ticker(99, 99, 1, 10_100); // a late, out-of-order ticker
        assertThat(sync.state()).isEqualTo(State.SYNCED);
    }

    @Test
    @DisplayName("frozen needs time: a burst of late tickers below the book's id within the bound is not suspected")
    void aBurstOfLateTickersIsNotSuspect() {
        snapshot(100, 0);
        ticker(100, 99, 1, 0);
        diff(101, 200, 99, 1, 100);
        for (int i = 0; i < 99; i++) {
            assertThat(ticker(101 + i, 99, 1, 100 + i)).isEqualTo(Suspicion.NONE);
        }
        assertThat(ticker(201, 99, 1, 300)).isEqualTo(Suspicion.NONE);
        assertThat(sync.state()).isEqualTo(State.SYNCED);
    }

    @Test
    @DisplayName("a snapshot fetched ahead of a backlog: the queued tickers below its id (older than the fetch) are not a frozen book")
    void backlogBehindASnapshotIsNotSuspect() {
        ticker(100, 99, 1, 0);
        snapshot(2_000, 10_000); // fetched at 10 s while ingest still had frames up to id 1999 queued
        for (int i = 0; i < 100; i++) { // 8 s of event time worth of queued tickers, all before the fetch
            assertThat(ticker(1_000 + 10 * i, 99, 1, 2_000 + 80 * i)).isEqualTo(Suspicion.NONE);
        }
        assertThat(ticker(2_001, 99, 1, 10_100)).isEqualTo(Suspicion.NONE);
        assertThat(sync.state()).isEqualTo(State.SYNCED);
    }

    @Test
    @DisplayName("no bookTicker stream: nothing compared, nothing suspected")
    void noTickerStream() {
        snapshot(100, 0);
        for (int i = 0; i < 200; i++) {
            diff(101 + i, 101 + i, 99, 1 + i, 100L * (i + 1));
        }
        assertThat(verifier.matched() + verifier.mismatched() + verifier.suspicions()).isZero();
        assertThat(sync.state()).isEqualTo(State.SYNCED);
    }
}
