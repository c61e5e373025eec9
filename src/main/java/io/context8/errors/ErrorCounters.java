package io.context8.errors;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code context8_errors_total{component, type}} for one component: the component's known types are registered
 * at 0 when it is created (so alert rules and {@code rate()} see the series from the start, not only after the
 * first error); other types are registered on first use. Each counter is registered once and reused.
 */
public final class ErrorCounters {

    private final MeterRegistry meters;
    private final String component;
    private final Map<String, Counter> byType = new ConcurrentHashMap<>();

    public ErrorCounters(MeterRegistry meters, String component) {
        this(meters, component, List.of());
    }

    /** @param knownTypes types registered at 0 now (docs/metrics.md lists them per component) */
    public ErrorCounters(MeterRegistry meters, String component, Collection<String> knownTypes) {
        this.meters = meters;
        this.component = component;
        knownTypes.forEach(this::counter);
    }

    public void increment(String type) {
        counter(type).increment();
    }

    private Counter counter(String type) {
        return byType.computeIfAbsent(type, t -> Counter.builder("context8.errors")
                .description("Rejected input and failed steps").tag("component", component).tag("type", t)
                .register(meters));
    }
}
