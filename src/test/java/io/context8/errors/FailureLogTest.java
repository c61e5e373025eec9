package io.context8.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FailureLogTest {

    @Test
    @DisplayName("a failure repeated every second logs at 1, 2, 4, 8, ... in a row; another kind has its own count")
    void powersOfTwo() {
        long[] now = {0};
        FailureLog f = new FailureLog(LoggerFactory.getLogger(FailureLogTest.class), () -> now[0]);
        List<Integer> logged = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            now[0] += 1_000;
            if (f.failed("redis", "Redis down: {}", "refused")) {
                logged.add(i);
            }
        }
        assertThat(logged).containsExactly(1, 2, 4, 8, 16, 32, 64);
        assertThat(f.failed("other", "other")).isTrue();
    }

    @Test
    @DisplayName("after a quiet minute the next failure is logged at once and the count starts over")
    void quietStartsOver() {
        long[] now = {0};
        FailureLog f = new FailureLog(LoggerFactory.getLogger(FailureLogTest.class), () -> now[0]);
        for (int i = 0; i < 5; i++) {
            now[0] += 1_000;
            f.failed("redis", "x");
        }
        now[0] += FailureLog.QUIET_MS + 1;
        assertThat(f.failed("redis", "x")).isTrue();
        now[0] += 1_000;
        assertThat(f.failed("redis", "x")).as("2nd in a row").isTrue();
        now[0] += 1_000;
        assertThat(f.failed("redis", "x")).as("3rd").isFalse();
    }
}
