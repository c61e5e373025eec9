package io.context8.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DepthSequenceTrackerTest {

    private final DepthSequenceTracker tracker = new DepthSequenceTracker();

    @Test
    @DisplayName("first diff of a symbol asks for a snapshot, contiguous diffs do not")
    void firstDiffAsksForSnapshot() {
        assertThat(tracker.onDiff("BTCUSDT", 100, 110)).isTrue();
        assertThat(tracker.onDiff("BTCUSDT", 111, 120)).isFalse();
        assertThat(tracker.onDiff("ETHUSDT", 5, 6)).as("per symbol").isTrue();
    }

    @Test
    @DisplayName("U != previous u + 1 is a gap: snapshot again")
    void gapAsksForSnapshot() {
        tracker.onDiff("BTCUSDT", 100, 110);
        assertThat(tracker.onDiff("BTCUSDT", 115, 120)).isTrue();
        assertThat(tracker.gaps()).isEqualTo(1);
    }

    @Test
    @DisplayName("a repeated or old diff is neither a gap nor moves the sequence back")
    void duplicateIsIgnored() {
        tracker.onDiff("BTCUSDT", 100, 110);
        assertThat(tracker.onDiff("BTCUSDT", 100, 110)).isFalse();
        assertThat(tracker.onDiff("BTCUSDT", 111, 112)).isFalse();
        assertThat(tracker.gaps()).isZero();
    }

    @Test
    @DisplayName("a snapshot older than the first buffered diff is refused, a newer one accepted")
    void staleSnapshot() {
        tracker.onDiff("BTCUSDT", 100, 110);
        assertThat(tracker.acceptSnapshot("BTCUSDT", 98)).isFalse();
        assertThat(tracker.awaitingSnapshot("BTCUSDT")).isTrue();
        assertThat(tracker.acceptSnapshot("BTCUSDT", 99)).as("lastUpdateId + 1 == U").isTrue();
        assertThat(tracker.awaitingSnapshot("BTCUSDT")).isFalse();
    }

    @Test
    @DisplayName("restart (analytics asked for a resync): after u = 2^63-1, the real diffs and a fresh snapshot are taken, no second fetch")
    void restartTakesTheRealChainAfterABogusId() {
        tracker.onDiff("BTCUSDT", 100, 110);
        tracker.acceptSnapshot("BTCUSDT", 105);
        tracker.onDiff("BTCUSDT", 111, Long.MAX_VALUE);
        assertThat(tracker.onDiff("BTCUSDT", 112, 120)).as("every real diff looks old: never a resync").isFalse();
        tracker.restart("BTCUSDT");
        assertThat(tracker.onDiff("BTCUSDT", 121, 125)).as("the snapshot is being fetched already").isFalse();
        assertThat(tracker.awaitingSnapshot("BTCUSDT")).isTrue();
        assertThat(tracker.acceptSnapshot("BTCUSDT", 119)).as("older than the new chain's first diff").isFalse();
        assertThat(tracker.acceptSnapshot("BTCUSDT", 123)).isTrue();
        assertThat(tracker.onDiff("BTCUSDT", 126, 130)).isFalse();
        assertThat(tracker.onDiff("BTCUSDT", 132, 133)).as("a later gap asks again").isTrue();
    }

    @Test
    @DisplayName("reset (reconnect) asks for a snapshot on the next diff")
    void resetAsksAgain() {
        tracker.onDiff("BTCUSDT", 100, 110);
        tracker.reset();
        assertThat(tracker.onDiff("BTCUSDT", 111, 112)).isTrue();
    }
}
