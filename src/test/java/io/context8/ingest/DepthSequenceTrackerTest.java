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
    @DisplayName("reset (reconnect) asks for a snapshot on the next diff")
    void resetAsksAgain() {
        tracker.onDiff("BTCUSDT", 100, 110);
        tracker.reset();
        assertThat(tracker.onDiff("BTCUSDT", 111, 112)).isTrue();
    }
}
