package io.context8.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ErrorCountersTest {

    @Test
    void oneCounterPerComponentAndTypeRegisteredOnceAndReused() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ErrorCounters ingest = new ErrorCounters(registry, "ingest");
        ingest.increment("malformed_json");
        ingest.increment("malformed_json");
        ingest.increment("error_frame");
        new ErrorCounters(registry, "analytics").increment("malformed_json");

        assertThat(registry.find("context8.errors").counters()).hasSize(3);
        assertThat(registry.get("context8.errors").tags("component", "ingest", "type", "malformed_json").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("context8.errors").tags("component", "analytics", "type", "malformed_json").counter()
                .count()).isEqualTo(1.0);
    }
}
