package io.context8.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code context8_errors_total{component, type}} for one component: each (component, type) counter is
 * registered once, on first use, and reused.
 */
public final class ErrorCounters {

    private final MeterRegistry meters;
    private final String component;
    private final Map<String, Counter> byType = new ConcurrentHashMap<>();

    public ErrorCounters(MeterRegistry meters, String component) {
        this.meters = meters;
        this.component = component;
    }

    public void increment(String type) {
        byType.computeIfAbsent(type, t -> Counter.builder("context8.errors")
                .description("Rejected input and failed steps").tag("component", component).tag("type", t)
                .register(meters)).increment();
    }
}
