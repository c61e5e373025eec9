package io.context8.book;

/**
 * Keeps one symbol's {@link OrderBook} in step with Binance's diff stream, following Binance's documented
 * local-book procedure (Spot "How to manage a local order book correctly", as corrected 2025-11-12):
 * <ol>
 * <li>While not in sync, diffs are buffered in a bounded ring ({@code bufferCapacity} diffs; on overflow the
 * OLDEST is dropped and counted in {@link #droppedOnOverflow()}). Only a contiguous chain is kept: a buffered
 * diff whose {@code U} is above the previous buffered {@code u + 1} discards the older ones (counted as a
 * gap), and a diff with {@code u <=} the last buffered {@code u} is a duplicate.</li>
 * <li>On a snapshot: buffered diffs with {@code u <= lastUpdateId} are dropped; if the first remaining one has
 * {@code U > lastUpdateId + 1} the snapshot is older than the stream: state {@link State#STALE_SNAPSHOT},
 * the book stays empty and the buffer is kept for the next snapshot. Otherwise the book is cleared, loaded,
 * its id set to {@code lastUpdateId}, and the remaining diffs are applied in order with the in-sync rules.</li>
 * <li>In sync: a diff with {@code u <= id} is a duplicate/old and ignored (idempotent, counted); a diff with
 * {@code U > id + 1} is a gap: the book is cleared (never serve a book known to be wrong), state
 * {@link State#GAP}, buffering starts again with that diff; otherwise the diff is applied and
 * {@code id = u}.</li>
 * <li>A snapshot with {@code lastUpdateId <=} the id of the book in sync is ignored (idempotent re-delivery,
 * counted in {@link #snapshotsIgnored()}); a newer one while in sync reloads the book at its id.</li>
 * <li>{@link #suspect()} (a check outside the id chain found the book wrong: {@link BookVerifier}): the book is
 * cleared, state {@link State#SUSPECT}, diffs are buffered and the next snapshot is taken as after a gap.</li>
 * </ol>
 * Levels with quantity 0 remove the level. No allocation per diff once the ring slots have grown to the
 * largest message (slots are created lazily, then reused). Not thread-safe: one writer per symbol.
 */
public final class BookSynchronizer {

    /** Synchronization state. */
    public enum State {
        /** No snapshot loaded yet: diffs are buffered. */
        AWAITING_SNAPSHOT,
        /** The book equals Binance's book at {@link #lastUpdateId()}. */
        SYNCED,
        /** A diff was missed while in sync: the book was discarded, diffs are buffered, a snapshot is needed. */
        GAP,
        /** The last snapshot was older than the buffered diffs: a newer snapshot is needed. */
        STALE_SNAPSHOT,
        /**
         * The book was found wrong although its id chain held (it disagreed with Binance's bookTicker, was
         * crossed, or its id ran ahead of every bookTicker): discarded, diffs are buffered, a fresh snapshot is
         * needed.
         */
        SUSPECT
    }

    /** What {@link #onDiff} did with a diff. */
    public enum DiffOutcome {
        APPLIED, BUFFERED, DUPLICATE, GAP
    }

    /** Default ring size: 1000 diffs, 100 s of {@code @depth@100ms}. */
    public static final int DEFAULT_BUFFER_CAPACITY = 1000;

    /** Returned by {@link #lastUpdateId()} when no book is in sync. */
    public static final long NO_ID = -1;

    private final OrderBook book;
    private final Slot[] ring;
    private int head; // index of the oldest buffered diff
    private int size;

    private State state = State.AWAITING_SNAPSHOT;
    private long id = NO_ID;

    private long applied;
    private long duplicates;
    private long gaps;
    private long droppedOnOverflow;
    private long droppedBySnapshot;
    private long snapshotsIgnored;
    private long staleSnapshots;
    private long suspects;

    public BookSynchronizer(OrderBook book) {
        this(book, DEFAULT_BUFFER_CAPACITY);
    }

    public BookSynchronizer(OrderBook book, int bufferCapacity) {
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("bufferCapacity must be >= 1");
        }
        this.book = book;
        this.ring = new Slot[bufferCapacity];
    }

    /**
     * Handles one {@code depthUpdate}: first update id {@code U}, final update id {@code u}, and its levels
     * (read during the call only; the synchronizer copies what it buffers). Throws IllegalArgumentException if
     * {@code u < U}.
     */
    public DiffOutcome onDiff(long firstUpdateId, long finalUpdateId, LevelBuffer bids, LevelBuffer asks) {
        if (finalUpdateId < firstUpdateId) {
            throw new IllegalArgumentException("diff with u < U: U=" + firstUpdateId + " u=" + finalUpdateId);
        }
        if (state == State.SYNCED) {
            return applyInSync(firstUpdateId, finalUpdateId, bids, asks);
        }
        return buffer(firstUpdateId, finalUpdateId, bids, asks);
    }

    /** Handles a REST depth snapshot; returns the state afterwards. Levels are read during the call only. */
    public State onSnapshot(long lastUpdateId, LevelBuffer bids, LevelBuffer asks) {
        if (state == State.SYNCED) {
            if (lastUpdateId <= id) {
                snapshotsIgnored++;
                return state;
            }
            load(lastUpdateId, bids, asks);
            return state;
        }
        // drop buffered diffs the snapshot already contains
        while (size > 0 && slot(0).last <= lastUpdateId) {
            pollOldest();
            droppedBySnapshot++;
        }
        if (size > 0 && slot(0).first > lastUpdateId + 1) {
            staleSnapshots++;
            book.clear();
            id = NO_ID;
            state = State.STALE_SNAPSHOT;
            return state;
        }
        load(lastUpdateId, bids, asks);
        while (size > 0 && state == State.SYNCED) {
            Slot s = slot(0);
            if (s.first > id + 1) {
                break; // gap inside the buffer: handled below, the rest stays buffered
            }
            pollOldest();
            applyInSync(s.first, s.last, s.bids, s.asks);
        }
        if (size > 0) { // a buffered diff does not follow the book
            gaps++;
            book.clear();
            id = NO_ID;
            state = State.GAP;
        }
        return state;
    }

    /**
     * Discards a book known to be wrong although its id chain held: the book is cleared, the state becomes
     * {@link State#SUSPECT}, and diffs are buffered until the next snapshot (taken as after a gap). Does nothing
     * when the book is not in sync.
     */
    public void suspect() {
        if (state != State.SYNCED) {
            return;
        }
        suspects++;
        book.clear();
        id = NO_ID;
        state = State.SUSPECT;
        clearBuffer();
    }

    private void load(long lastUpdateId, LevelBuffer bids, LevelBuffer asks) {
        book.clear();
        bids.applyTo(book, true);
        asks.applyTo(book, false);
        id = lastUpdateId;
        state = State.SYNCED;
    }

    private DiffOutcome applyInSync(long first, long last, LevelBuffer bids, LevelBuffer asks) {
        if (last <= id) {
            duplicates++;
            return DiffOutcome.DUPLICATE;
        }
        if (first > id + 1) {
            gaps++;
            book.clear();
            id = NO_ID;
            state = State.GAP;
            clearBuffer();
            append(first, last, bids, asks);
            return DiffOutcome.GAP;
        }
        bids.applyTo(book, true);
        asks.applyTo(book, false);
        id = last;
        applied++;
        return DiffOutcome.APPLIED;
    }

    private DiffOutcome buffer(long first, long last, LevelBuffer bids, LevelBuffer asks) {
        if (size > 0) {
            Slot newest = slot(size - 1);
            if (last <= newest.last) {
                duplicates++;
                return DiffOutcome.DUPLICATE;
            }
            if (first > newest.last + 1) {
                gaps++; // older buffered diffs can never be bridged: keep only the new chain
                clearBuffer();
            }
        }
        append(first, last, bids, asks);
        return DiffOutcome.BUFFERED;
    }

    private void append(long first, long last, LevelBuffer bids, LevelBuffer asks) {
        if (size == ring.length) {
            pollOldest();
            droppedOnOverflow++;
        }
        int idx = (head + size) % ring.length;
        Slot s = ring[idx];
        if (s == null) {
            s = new Slot(); // allocates once per ring slot
            ring[idx] = s;
        }
        s.first = first;
        s.last = last;
        s.bids.copyFrom(bids);
        s.asks.copyFrom(asks);
        size++;
    }

    private Slot slot(int i) {
        return ring[(head + i) % ring.length];
    }

    private void pollOldest() {
        head = (head + 1) % ring.length;
        size--;
    }

    private void clearBuffer() {
        head = 0;
        size = 0;
    }

    public State state() {
        return state;
    }

    public boolean inSync() {
        return state == State.SYNCED;
    }

    /** The update id the book is at, or {@link #NO_ID} when not in sync. */
    public long lastUpdateId() {
        return id;
    }

    /** The book this synchronizer maintains (empty whenever not in sync). */
    public OrderBook book() {
        return book;
    }

    /** Number of diffs currently buffered. */
    public int buffered() {
        return size;
    }

    /** Diffs applied to the book (directly or from the buffer). */
    public long appliedCount() {
        return applied;
    }

    /** Diffs ignored because they were already applied or buffered (idempotent re-delivery). */
    public long duplicatesIgnored() {
        return duplicates;
    }

    /** Gaps detected (in sync, inside the buffer, or between a snapshot's buffer tail). */
    public long gapCount() {
        return gaps;
    }

    /** Buffered diffs dropped because the ring was full. */
    public long droppedOnOverflow() {
        return droppedOnOverflow;
    }

    /** Buffered diffs dropped because a snapshot already contained them ({@code u <= lastUpdateId}). */
    public long droppedBySnapshot() {
        return droppedBySnapshot;
    }

    /** Snapshots ignored because the book in sync was already at or past their id. */
    public long snapshotsIgnored() {
        return snapshotsIgnored;
    }

    /** Snapshots rejected as older than the first buffered diff. */
    public long staleSnapshots() {
        return staleSnapshots;
    }

    /** Times the book was discarded by {@link #suspect()}. */
    public long suspectCount() {
        return suspects;
    }

    private static final class Slot {
        long first;
        long last;
        final LevelBuffer bids = new LevelBuffer(16);
        final LevelBuffer asks = new LevelBuffer(16);
    }
}
