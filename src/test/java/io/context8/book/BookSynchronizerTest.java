package io.context8.book;

import static io.context8.book.BookSynchronizer.DiffOutcome.APPLIED;
import static io.context8.book.BookSynchronizer.DiffOutcome.BUFFERED;
import static io.context8.book.BookSynchronizer.DiffOutcome.DUPLICATE;
import static io.context8.book.BookSynchronizer.DiffOutcome.GAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.context8.book.BookSynchronizer.State;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BookSynchronizerTest {

    static final long ONE = Decimals.ONE;

    BookSynchronizer sync;
    OrderBook book;

    @BeforeEach
    void setUp() {
        book = new ArrayOrderBook(8);
        sync = new BookSynchronizer(book, 5);
    }

    /** A diff (U, u) setting one bid level at price {@code u} and one ask at {@code u + 1000}. */
    BookSynchronizer.DiffOutcome diff(long first, long last) {
        return sync.onDiff(first, last, levels(last, ONE), levels(last + 1000, ONE));
    }

    static LevelBuffer levels(long... priceQtyPairs) {
        LevelBuffer b = new LevelBuffer(2);
        for (int i = 0; i < priceQtyPairs.length; i += 2) {
            b.add(priceQtyPairs[i] * ONE, priceQtyPairs[i + 1]);
        }
        return b;
    }

    State snapshot(long lastUpdateId) {
        return sync.onSnapshot(lastUpdateId, levels(1, 7), levels(5000, 9));
    }

    @Test
    @DisplayName("starts awaiting a snapshot with an empty book")
    void initialState() {
        assertThat(sync.state()).isEqualTo(State.AWAITING_SNAPSHOT);
        assertThat(sync.inSync()).isFalse();
        assertThat(sync.lastUpdateId()).isEqualTo(BookSynchronizer.NO_ID);
        assertThat(book.isEmpty(true)).isTrue();
    }

    @Nested
    @DisplayName("before the snapshot")
    class BeforeSnapshot {
        @Test
        @DisplayName("diffs are buffered, not applied")
        void buffers() {
            assertThat(diff(10, 12)).isEqualTo(BUFFERED);
            assertThat(diff(13, 15)).isEqualTo(BUFFERED);
            assertThat(sync.buffered()).isEqualTo(2);
            assertThat(book.isEmpty(true)).isTrue();
        }

        @Test
        @DisplayName("buffer overflow drops the oldest diff and counts it")
        void overflowDropsOldest() {
            for (int i = 0; i < 7; i++) {
                diff(10 + 3 * i, 12 + 3 * i); // 10-12, 13-15, ... 28-30
            }
            assertThat(sync.buffered()).isEqualTo(5);
            assertThat(sync.droppedOnOverflow()).isEqualTo(2);
            // the oldest kept is 16-18: a snapshot at 12 is now stale
            assertThat(snapshot(12)).isEqualTo(State.STALE_SNAPSHOT);
            assertThat(snapshot(16)).isEqualTo(State.SYNCED);
            assertThat(sync.lastUpdateId()).isEqualTo(30);
        }

        @Test
        @DisplayName("re-delivered diff while buffering is a duplicate")
        void duplicateWhileBuffering() {
            diff(10, 12);
            assertThat(diff(10, 12)).isEqualTo(DUPLICATE);
            assertThat(sync.buffered()).isEqualTo(1);
            assertThat(sync.duplicatesIgnored()).isEqualTo(1);
        }

        @Test
        @DisplayName("a gap inside the buffer keeps only the newer chain")
        void gapInsideBuffer() {
            diff(10, 12);
            diff(20, 22);
            assertThat(sync.buffered()).isEqualTo(1);
            assertThat(sync.gapCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("u < U is rejected")
        void rejectsInvertedIds() {
            assertThatThrownBy(() -> diff(12, 10)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("on snapshot")
    class OnSnapshot {
        @Test
        @DisplayName("loads the book and applies the diffs that straddle and follow it")
        void syncsAndReplays() {
            diff(10, 12);
            diff(13, 15);
            diff(16, 18);
            assertThat(snapshot(14)).isEqualTo(State.SYNCED);
            assertThat(sync.lastUpdateId()).isEqualTo(18);
            assertThat(sync.droppedBySnapshot()).isEqualTo(1); // 10-12
            assertThat(sync.appliedCount()).isEqualTo(2); // 13-15 (U <= 15 <= u) and 16-18
            assertThat(book.bestBidPrice()).isEqualTo(18 * ONE); // bids: 1 (snapshot), 15, 18
            assertThat(book.levels(true)).isEqualTo(3);
            assertThat(book.bestAskPrice()).isEqualTo(1015 * ONE);
            assertThat(sync.buffered()).isZero();
        }

        @Test
        @DisplayName("snapshot with lastUpdateId + 1 == U of the first diff syncs")
        void exactBoundary() {
            diff(10, 12);
            assertThat(snapshot(9)).isEqualTo(State.SYNCED);
            assertThat(sync.lastUpdateId()).isEqualTo(12);
        }

        @Test
        @DisplayName("snapshot older than the first buffered diff: STALE_SNAPSHOT, wait for another")
        void staleSnapshot() {
            diff(10, 12);
            diff(13, 15);
            assertThat(snapshot(8)).isEqualTo(State.STALE_SNAPSHOT);
            assertThat(sync.inSync()).isFalse();
            assertThat(book.isEmpty(true)).isTrue();
            assertThat(sync.buffered()).isEqualTo(2);
            assertThat(diff(16, 16)).isEqualTo(BUFFERED);
            assertThat(snapshot(11)).isEqualTo(State.SYNCED);
            assertThat(sync.lastUpdateId()).isEqualTo(16);
            assertThat(sync.staleSnapshots()).isEqualTo(1);
        }

        @Test
        @DisplayName("snapshot newer than every buffered diff syncs at its id")
        void snapshotNewerThanBuffer() {
            diff(10, 12);
            assertThat(snapshot(20)).isEqualTo(State.SYNCED);
            assertThat(sync.lastUpdateId()).isEqualTo(20);
            assertThat(diff(13, 20)).isEqualTo(DUPLICATE);
            assertThat(diff(21, 22)).isEqualTo(APPLIED);
        }

        @Test
        @DisplayName("snapshot with no buffered diff syncs; the next diff must follow it")
        void snapshotWithEmptyBuffer() {
            assertThat(snapshot(100)).isEqualTo(State.SYNCED);
            assertThat(book.bestBidPrice()).isEqualTo(ONE);
            assertThat(book.bestBidQty()).isEqualTo(7);
            assertThat(diff(95, 101)).isEqualTo(APPLIED);
        }

        @Test
        @DisplayName("snapshot older than the synced book is ignored (idempotent re-delivery)")
        void olderSnapshotIgnored() {
            snapshot(100);
            diff(101, 105);
            assertThat(snapshot(100)).isEqualTo(State.SYNCED);
            assertThat(snapshot(105)).isEqualTo(State.SYNCED);
            assertThat(sync.snapshotsIgnored()).isEqualTo(2);
            assertThat(sync.lastUpdateId()).isEqualTo(105);
            assertThat(book.bestBidPrice()).isEqualTo(105 * ONE);
        }

        @Test
        @DisplayName("a newer snapshot while synced reloads the book")
        void newerSnapshotReloads() {
            snapshot(100);
            diff(101, 105);
            sync.onSnapshot(200, levels(3, 1), levels(4, 1));
            assertThat(sync.lastUpdateId()).isEqualTo(200);
            assertThat(book.levels(true)).isEqualTo(1);
            assertThat(book.bestBidPrice()).isEqualTo(3 * ONE);
        }

        @Test
        @DisplayName("snapshot past every buffered diff drops them all and syncs at its own id")
        void snapshotDropsAllBuffered() {
            diff(10, 12);
            diff(13, 14);
            assertThat(snapshot(16)).isEqualTo(State.SYNCED);
            assertThat(sync.lastUpdateId()).isEqualTo(16);
            assertThat(sync.droppedBySnapshot()).isEqualTo(2);
            assertThat(sync.appliedCount()).isZero();
        }
    }

    @Nested
    @DisplayName("in sync")
    class InSync {
        @BeforeEach
        void syncAt100() {
            snapshot(100);
        }

        @Test
        @DisplayName("contiguous diff is applied and moves the id")
        void applies() {
            assertThat(diff(101, 103)).isEqualTo(APPLIED);
            assertThat(sync.lastUpdateId()).isEqualTo(103);
            assertThat(book.bestBidPrice()).isEqualTo(103 * ONE);
        }

        @Test
        @DisplayName("diff with u <= id is a duplicate and ignored")
        void duplicate() {
            diff(101, 103);
            assertThat(diff(101, 103)).isEqualTo(DUPLICATE);
            assertThat(diff(50, 60)).isEqualTo(DUPLICATE);
            assertThat(sync.duplicatesIgnored()).isEqualTo(2);
            assertThat(sync.lastUpdateId()).isEqualTo(103);
        }

        @Test
        @DisplayName("diff with U > id + 1 is a gap: book discarded, buffering again")
        void gap() {
            assertThat(diff(102, 104)).isEqualTo(GAP);
            assertThat(sync.state()).isEqualTo(State.GAP);
            assertThat(sync.inSync()).isFalse();
            assertThat(sync.lastUpdateId()).isEqualTo(BookSynchronizer.NO_ID);
            assertThat(book.isEmpty(true)).isTrue();
            assertThat(sync.gapCount()).isEqualTo(1);
            assertThat(sync.buffered()).isEqualTo(1);
            assertThat(diff(105, 106)).isEqualTo(BUFFERED);
            assertThat(snapshot(103)).isEqualTo(State.SYNCED);
            assertThat(sync.lastUpdateId()).isEqualTo(106);
        }

        @Test
        @DisplayName("level with qty 0 removes it")
        void qtyZeroRemoves() {
            sync.onDiff(101, 101, levels(1, 0), levels());
            assertThat(book.isEmpty(true)).isTrue();
        }
    }

    @Test
    @DisplayName("idempotency: every diff delivered twice gives the same book")
    void everyDiffTwice() {
        List<long[]> diffs = randomDiffs(500);
        OrderBook once = new NaiveOrderBook();
        OrderBook twice = new ArrayOrderBook(4);
        BookSynchronizer s1 = new BookSynchronizer(once);
        BookSynchronizer s2 = new BookSynchronizer(twice);
        LevelBuffer snapBids = levels(90, 5, 91, 6);
        LevelBuffer snapAsks = levels(110, 5, 111, 6);
        for (int i = 0; i < diffs.size(); i++) {
            long[] d = diffs.get(i);
            feed(s1, d);
            feed(s2, d);
            feed(s2, d);
            if (i == 3) {
                s1.onSnapshot(d[1] - 1, snapBids, snapAsks);
                s2.onSnapshot(d[1] - 1, snapBids, snapAsks);
                s2.onSnapshot(d[1] - 1, snapBids, snapAsks);
            }
        }
        assertThat(s1.inSync()).isTrue();
        assertThat(s2.inSync()).isTrue();
        assertThat(s2.lastUpdateId()).isEqualTo(s1.lastUpdateId());
        assertThat(s2.duplicatesIgnored()).isEqualTo(diffs.size());
        OrderBookContractTest.assertSameBook(twice, once);
        assertThat(once.levels(true)).isGreaterThan(2);
    }

    @Test
    @DisplayName("in sync and while buffering, onDiff does not allocate once the buffers are sized")
    void noAllocationPerDiff() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
        BookSynchronizer s = new BookSynchronizer(new ArrayOrderBook(4096), 1000);
        LevelBuffer b = new LevelBuffer(8);
        LevelBuffer a = new LevelBuffer(8);
        long tid = Thread.currentThread().getId();
        long id = 1;
        for (int round = 0; round < 2; round++) { // round 0 warms up (ring slots, JIT)
            long before = sun.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 3000; i++, id++) { // buffering, with overflow
                b.clear().add((1000 + i % 50) * ONE, i % 3);
                a.clear().add((2000 + i % 50) * ONE, i % 5);
                s.onDiff(id, id, b, a);
            }
            s.onSnapshot(id - 500, b, a);
            for (int i = 0; i < 100_000; i++, id++) { // in sync
                b.clear().add((1000 + i % 50) * ONE, i % 3);
                a.clear().add((2000 + i % 50) * ONE, i % 5);
                s.onDiff(id, id, b, a);
                s.onDiff(id, id, b, a); // duplicate
            }
            long allocated = sun.getThreadAllocatedBytes(tid) - before;
            if (round == 1) {
                assertThat(allocated).as("bytes allocated").isLessThan(1024);
            }
            s.onDiff(id + 5, id + 5, b, a); // gap: back to buffering for the next round
            id += 6;
        }
        assertThat(s.inSync()).isFalse();
    }

    /** Each diff: {U, u, bid price, bid qty, ask price, ask qty}, contiguous ids. */
    static List<long[]> randomDiffs(int n) {
        SplittableRandom rnd = new SplittableRandom(42);
        List<long[]> out = new ArrayList<>();
        long next = 1000;
        for (int i = 0; i < n; i++) {
            long len = 1 + rnd.nextInt(5);
            out.add(new long[] {next, next + len - 1, 80 + rnd.nextInt(20), rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(100),
                    101 + rnd.nextInt(20), rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(100)});
            next += len;
        }
        return out;
    }

    static void feed(BookSynchronizer s, long[] d) {
        s.onDiff(d[0], d[1], levels(d[2], d[3]), levels(d[4], d[5]));
    }
}
