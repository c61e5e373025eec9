package io.context8.book;

/**
 * Checks a {@link BookSynchronizer}'s book against Binance's own view of it, the {@code bookTicker} stream
 * (best bid/ask price and quantity at update id {@code u}), and puts the book in
 * {@link BookSynchronizer.State#SUSPECT} when it is known wrong although its id chain held:
 * <ul>
 *   <li>{@link Suspicion#MISMATCH}: at a bookTicker whose {@code u} equals the book's id, the best bid/ask price
 *       or quantity differs. bookTicker is real time and usually arrives before the 100 ms diff that ends at its
 *       id, so tickers ahead of the book wait (a ring of {@link #PENDING} tickers, oldest dropped) until the book
 *       reaches or passes their id; a ticker inside a diff's range is never compared (the book skips that id).
 *       Matches and mismatches are counted.</li>
 *   <li>{@link Suspicion#CROSSED}: after a diff or snapshot, best bid {@code >=} best ask.</li>
 *   <li>{@link Suspicion#FROZEN}, at once: the book's id jumped by more than {@link #FAR_AHEAD} in one update, or
 *       runs more than that ahead of the newest bookTicker's {@code u} (a diff with {@code u = 2^63-1} makes every
 *       later diff look old: the book stops moving yet says synced). {@link #FAR_AHEAD} update ids are decades of
 *       BTCUSDT's pace (about 4e2 a second): no real diff or ticker lag comes near it.</li>
 *   <li>{@link Suspicion#FROZEN}, slowly: the book's id stays above the newest bookTicker's {@code u} for at least
 *       {@code frozenAfterMs} of event time while at least {@code frozenMinTickers} new bookTickers arrived, all
 *       below the book's id (a bogus id closer than {@link #FAR_AHEAD}). The time counts from the update that last
 *       moved the book's id while it is ahead (a diff's event time; for a snapshot, its fetch time: the frames still queued in ingest
 *       when it was fetched carry tickers below its id and older event times, which must not look frozen). A
 *       book is briefly ahead of the tickers whenever its newest diff ended with
 *       changes below the top (no bookTicker for those ids); the next change of the top brings a ticker above
 *       it. Without a bookTicker stream nothing is compared and nothing is suspected.</li>
 * </ul>
 * A bookTicker with {@code u <=} the newest one seen is a re-delivery or out of order and is ignored, so the
 * counts are idempotent. No allocation. Not thread-safe: the synchronizer's writer thread.
 */
public final class BookVerifier {

    /** Why the book was put in suspect state (or {@link #NONE}). */
    public enum Suspicion {
        NONE, MISMATCH, CROSSED, FROZEN;

        /** Name as written in reports and metrics. */
        public String json() {
            return switch (this) {
                case NONE -> "none";
                case MISMATCH -> "book_ticker_mismatch";
                case CROSSED -> "crossed_book";
                case FROZEN -> "frozen_book";
            };
        }
    }

    /** Capacity of the ring of bookTickers ahead of the book (about 6 s of BTCUSDT tickers). */
    public static final int PENDING = 512;
    private static final int MASK = PENDING - 1;
    /** An update-id jump no real book makes: 2^40, about 1.1e12 ids. */
    public static final long FAR_AHEAD = 1L << 40;

    private final BookSynchronizer sync;
    private final OrderBook book;
    private final long frozenAfterMs;
    private final int frozenMinTickers;

    private final long[] pu = new long[PENDING];
    private final long[] pBidPx = new long[PENDING];
    private final long[] pBidQty = new long[PENDING];
    private final long[] pAskPx = new long[PENDING];
    private final long[] pAskQty = new long[PENDING];
    private int head;
    private int size;

    private long newestTickerU = -1;
    /** The book's id at the previous check; -1 when it was not in sync. */
    private long checkedId = -1;
    /** Event time since which the book's id is above every ticker's u; -1 when it is not. */
    private long aheadSinceMs = -1;
    /** New tickers below the book's id since {@link #aheadSinceMs}. */
    private int behindTickers;

    private long matched;
    private long mismatched;
    private long lastMismatchMs = -1;
    private final long[] suspicions = new long[Suspicion.values().length];
    private Suspicion lastSuspicion = Suspicion.NONE;

    /**
     * @param frozenAfterMs    event time the book's id may stay above every bookTicker's u
     * @param frozenMinTickers bookTickers (all below the book's id) that must arrive meanwhile
     */
    public BookVerifier(BookSynchronizer sync, long frozenAfterMs, int frozenMinTickers) {
        if (frozenAfterMs < 0 || frozenMinTickers < 1) {
            throw new IllegalArgumentException("frozenAfterMs must be >= 0 and frozenMinTickers >= 1");
        }
        this.sync = sync;
        this.book = sync.book();
        this.frozenAfterMs = frozenAfterMs;
        this.frozenMinTickers = frozenMinTickers;
    }

    /**
     * A bookTicker (prices and quantities scaled by {@link Decimals}) at exchange event time {@code eventMs}:
     * compared now when the book is at its id, kept when ahead of the book. Returns the suspicion raised (the
     * book is then already discarded) or {@link Suspicion#NONE}.
     */
    public Suspicion onTicker(long u, long bidPx, long bidQty, long askPx, long askQty, long eventMs) {
        if (u <= newestTickerU) {
            return Suspicion.NONE; // re-delivered or out of order
        }
        newestTickerU = u;
        if (!sync.inSync()) {
            push(u, bidPx, bidQty, askPx, askQty);
            return Suspicion.NONE;
        }
        long id = sync.lastUpdateId();
        if (u == id) {
            return compare(bidPx, bidQty, askPx, askQty, eventMs);
        }
        if (u > id) {
            aheadSinceMs = -1;
            push(u, bidPx, bidQty, askPx, askQty);
            return Suspicion.NONE;
        }
        // u < id: the book is ahead of every ticker seen
        if (aheadSinceMs < 0) {
            aheadSinceMs = eventMs;
            behindTickers = 0;
        }
        behindTickers++;
        if (behindTickers >= frozenMinTickers && eventMs - aheadSinceMs >= frozenAfterMs) {
            return raise(Suspicion.FROZEN);
        }
        return Suspicion.NONE;
    }

    /**
     * After the synchronizer handled a diff or snapshot at event time {@code eventMs}: a crossed book is suspect;
     * the waiting ticker at the book's new id, if any, is compared. Returns the suspicion raised or
     * {@link Suspicion#NONE}.
     */
    public Suspicion afterBookUpdate(long eventMs) {
        if (!sync.inSync()) {
            aheadSinceMs = -1;
            checkedId = -1;
            return Suspicion.NONE;
        }
        long id = sync.lastUpdateId();
        long before = checkedId;
        checkedId = id;
        if ((before >= 0 && id - before > FAR_AHEAD) || (newestTickerU >= 0 && id - newestTickerU > FAR_AHEAD)) {
            return raise(Suspicion.FROZEN);
        }
        if (!book.isEmpty(true) && !book.isEmpty(false) && book.bestBidPrice() >= book.bestAskPrice()) {
            return raise(Suspicion.CROSSED);
        }
        while (size > 0 && pu[head] < id) {
            pop(); // inside a diff's range, or older than the snapshot: never comparable
        }
        if (newestTickerU < 0 || id <= newestTickerU) {
            aheadSinceMs = -1;
        } else if (aheadSinceMs < 0 || id != before) { // the clock runs from the update that last moved the id
            aheadSinceMs = eventMs;
            behindTickers = 0;
        }
        if (size > 0 && pu[head] == id) {
            int i = head;
            pop();
            return compare(pBidPx[i], pBidQty[i], pAskPx[i], pAskQty[i], eventMs);
        }
        return Suspicion.NONE;
    }

    private Suspicion compare(long bidPx, long bidQty, long askPx, long askQty, long eventMs) {
        if (book.bestBidPrice() == bidPx && book.bestBidQty() == bidQty && book.bestAskPrice() == askPx
                && book.bestAskQty() == askQty) {
            matched++;
            return Suspicion.NONE;
        }
        mismatched++;
        lastMismatchMs = eventMs;
        return raise(Suspicion.MISMATCH);
    }

    private Suspicion raise(Suspicion s) {
        sync.suspect();
        suspicions[s.ordinal()]++;
        lastSuspicion = s;
        aheadSinceMs = -1;
        checkedId = -1;
        return s;
    }

    private void push(long u, long bidPx, long bidQty, long askPx, long askQty) {
        if (size == PENDING) {
            pop();
        }
        int i = (head + size) & MASK;
        pu[i] = u;
        pBidPx[i] = bidPx;
        pBidQty[i] = bidQty;
        pAskPx[i] = askPx;
        pAskQty[i] = askQty;
        size++;
    }

    private void pop() {
        head = (head + 1) & MASK;
        size--;
    }

    /** bookTickers whose u equalled the book's id and agreed on best bid/ask price and quantity. */
    public long matched() {
        return matched;
    }

    /** bookTickers whose u equalled the book's id and disagreed. */
    public long mismatched() {
        return mismatched;
    }

    /** Event time of the newest mismatch, or -1. */
    public long lastMismatchMs() {
        return lastMismatchMs;
    }

    /** Times the book was put in suspect state for {@code reason}. */
    public long suspicions(Suspicion reason) {
        return suspicions[reason.ordinal()];
    }

    /** Times the book was put in suspect state, any reason. */
    public long suspicions() {
        long n = 0;
        for (long s : suspicions) {
            n += s;
        }
        return n;
    }

    /** The reason of the newest suspicion, {@link Suspicion#NONE} before any. */
    public Suspicion lastSuspicion() {
        return lastSuspicion;
    }

    /** Newest bookTicker u seen, or -1. */
    public long newestTickerU() {
        return newestTickerU;
    }
}
