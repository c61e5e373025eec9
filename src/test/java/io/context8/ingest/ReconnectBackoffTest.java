package io.context8.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private final ReconnectBackoff backoff = new ReconnectBackoff(500, 30_000, 2.0, 0.5);

    @Test
    void withoutJitterTheDelayDoublesUpToTheCap() {
        assertThat(new long[] {backoff.delayMs(0, 0), backoff.delayMs(1, 0), backoff.delayMs(2, 0),
                backoff.delayMs(5, 0), backoff.delayMs(6, 0), backoff.delayMs(100, 0)})
                .containsExactly(500, 1_000, 2_000, 16_000, 30_000, 30_000);
    }

    @Test
    void jitterTakesOffUpToItsShareOfTheDelay() {
        assertThat(backoff.delayMs(1, 0.5)).isEqualTo(750);
        assertThat(backoff.delayMs(1, 0.999_999)).isEqualTo(501);
        assertThat(backoff.delayMs(100, 0.5)).isEqualTo(22_500);
        // never below (1 - jitter) of the exponential delay, never above it
        for (double r = 0; r < 1; r += 0.01) {
            assertThat(backoff.delayMs(3, r)).isBetween(2_000L, 4_000L);
        }
    }

    @Test
    void fullJitterNeverGivesZero() {
        assertThat(new ReconnectBackoff(10, 10, 1, 1).delayMs(0, 0.999_999)).isEqualTo(1);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new ReconnectBackoff(0, 10, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(100, 10, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(10, 100, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(10, 100, 2, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(10, 100, 2, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
