package io.context8.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.context8.errors.ErrorCounters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The write-recovery signal is kept per stream key, across the producers that write the key. */
class RedisStreamComponentTest {

    private final RedisStreamComponent component = new RedisStreamComponent(null,
            new ErrorCounters(new SimpleMeterRegistry(), "stream"));
    private final List<String> recovered = new ArrayList<>();

    RedisStreamComponentTest() {
        component.onWritesRecovered(recovered::add);
    }

    @Test
    void successesWithoutAFailureSignalNothing() {
        assertThat(component.writeSucceeded("nt:binance")).isFalse();
        assertThat(recovered).isEmpty();
    }

    @Test
    void theFirstSuccessAfterFailuresSignalsOnce() {
        component.writeFailed("nt:binance");
        component.writeFailed("nt:binance");
        assertThat(component.writeSucceeded("nt:binance")).isTrue();
        assertThat(component.writeSucceeded("nt:binance")).isFalse();
        assertThat(recovered).containsExactly("nt:binance");
    }

    @Test
    void aFailureAfterAnotherProducerRecoveredSignalsAgain() {
        // the frame route's XADDs work again and ingest resyncs; the resync's snapshot XADD (the snapshot
        // route's producer, same key) still fails: the next success of either must ask for another resync
        component.writeFailed("nt:binance");
        assertThat(component.writeSucceeded("nt:binance")).isTrue();
        component.writeFailed("nt:binance");
        assertThat(component.writeSucceeded("nt:binance")).isTrue();
        assertThat(recovered).containsExactly("nt:binance", "nt:binance");
    }

    @Test
    void keysAreIndependent() {
        component.writeFailed("a");
        assertThat(component.writeSucceeded("b")).isFalse();
        assertThat(component.writeSucceeded("a")).isTrue();
        assertThat(recovered).containsExactly("a");
    }
}
