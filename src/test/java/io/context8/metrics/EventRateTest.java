package io.context8.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rolling event counts on exchange time: no value before the first add, then real zeros; window (t - W, t]. */
class EventRateTest {

    @Test
    void countsInsideTheWindowAndDecays() {
        EventRate r = new EventRate(10_000, 2);
        assertThat(r.ratePerSec()).isEmpty();
        r.advanceTo(5_000);
        assertThat(r.ratePerSec()).as("advancing alone starts nothing").isEmpty();
        r.add(1_000, 0);
        assertThat(r.ratePerSec()).hasValue(0.0);
        r.add(1_000, 3);
        r.add(2_000, 4);
        r.add(3_000, 5); // the ring grows past its capacity of 2
        assertThat(r.ratePerSec()).hasValue(1.2);
        r.add(500, 1); // out of order: counted at the newest time
        r.advanceTo(11_000);
        assertThat(r.ratePerSec()).as("the entry at 1000 left (1000 <= 11000 - 10000)").hasValue(1.0);
        r.advanceTo(13_001);
        assertThat(r.ratePerSec()).hasValue(0.0);
    }
}
