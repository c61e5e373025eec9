package io.context8.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * Ingest's half of Binance's local-book procedure: decides when a REST depth snapshot is needed. A snapshot
 * is needed for the first diff of a symbol after (re)start and whenever the diff sequence breaks
 * ({@code U != previous u + 1}, which a reconnect also causes). A snapshot is usable only if it is not older
 * than the first diff buffered since the break ({@code lastUpdateId + 1 >= U}); otherwise ingest fetches
 * again. {@link #restart} starts a symbol's chain afresh when analytics found its book wrong although the ids
 * chained (e.g. a diff with {@code u = 2^63-1}, after which every real diff looks old). Synchronized: the frame
 * route and the resync-request route call it.
 */
public final class DepthSequenceTracker {

    private static final class State {
        long lastFinal = -1;
        long firstSinceBreak = -1;
        boolean awaitingSnapshot = true;
        /** A snapshot is being fetched already ({@link #restart}): the chain's first diff does not ask again. */
        boolean fetching;
    }

    private final Map<String, State> states = new HashMap<>();
    private long gaps;

    /** Records a diff; returns true when a snapshot must be fetched for this symbol now. */
    public synchronized boolean onDiff(String symbol, long firstUpdateId, long finalUpdateId) {
        State s = states.computeIfAbsent(symbol, k -> new State());
        boolean fetch = false;
        if (s.lastFinal < 0) {
            s.firstSinceBreak = firstUpdateId;
            fetch = !s.fetching;
            s.fetching = false;
        } else if (finalUpdateId <= s.lastFinal) {
            return false; // an old or repeated diff: the analytics book ignores it too
        } else if (firstUpdateId != s.lastFinal + 1) {
            gaps++;
            s.firstSinceBreak = firstUpdateId;
            s.awaitingSnapshot = true;
            fetch = true;
        }
        s.lastFinal = finalUpdateId;
        return fetch;
    }

    /**
     * Checks a fetched snapshot against the diffs buffered since the last break.
     *
     * @return true when usable; false when it is older than the first buffered diff (fetch again)
     */
    public synchronized boolean acceptSnapshot(String symbol, long lastUpdateId) {
        State s = states.get(symbol);
        if (s == null || s.firstSinceBreak < 0) {
            return true;
        }
        if (lastUpdateId + 1 < s.firstSinceBreak) {
            return false;
        }
        s.awaitingSnapshot = false;
        return true;
    }

    /** Forgets all sequence state, e.g. after the websocket connection was re-opened. */
    public synchronized void reset() {
        states.clear();
    }

    /**
     * Forgets one symbol's chain because a snapshot is being fetched for it now: the next diff starts a new chain
     * (whatever its ids, also below a bogus {@code u} seen before) without asking for another snapshot, and the
     * fetched snapshot is checked against that diff as after a break.
     */
    public synchronized void restart(String symbol) {
        State s = new State();
        s.fetching = true;
        states.put(symbol, s);
    }

    public synchronized boolean awaitingSnapshot(String symbol) {
        State s = states.get(symbol);
        return s == null || s.awaitingSnapshot;
    }

    public synchronized long gaps() {
        return gaps;
    }
}
