package io.context8.sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Hands every stored report to every report sink: each route of the context whose consumer is
 * {@code seda:report-sink.<name>} (docs/routes.md, "Report sinks"). Each sink has its own bounded, single-consumer
 * queue, so a sink sees the reports in the order they were stored, and a slow or failing sink only fills its own
 * queue: {@link #announce} offers without blocking and counts a report that does not fit in
 * {@code context8_report_sink_drops_total{sink}}. The sink list follows the routes as they are added and removed
 * (route events; a sink added by a route file alone is picked up), so with no sink {@link #announce} costs one
 * volatile read.
 */
public class ReportTap implements CamelContextAware {

    /** Consumer endpoint prefix of a report sink route: {@code seda:report-sink.<name>}. */
    public static final String SINK_PREFIX = "report-sink.";

    /** Header with the report's symbol on the exchange a sink receives. */
    public static final String SYMBOL_HEADER = "context8Symbol";

    private static final Logger LOG = LoggerFactory.getLogger(ReportTap.class);

    private record Sink(String name, String routeId, SedaEndpoint endpoint, Counter drops) {
    }

    private final MeterRegistry meters;
    private final Map<String, Counter> drops = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private volatile Sink[] sinks = new Sink[0];
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    private CamelContext camelContext;

    public ReportTap(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        if (this.camelContext == camelContext) {
            return;
        }
        this.camelContext = camelContext;
        camelContext.getManagementStrategy().addEventNotifier(new RouteWatcher());
        refresh();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /**
     * Offers the stored report to every sink's queue, never waiting. The report is the SETEX value
     * ({@code CamelRedis.Value}), else the body; the symbol comes from the {@value #SYMBOL_HEADER} header.
     */
    public void announce(Exchange exchange) {
        Sink[] current = sinks;
        if (current.length == 0) {
            return;
        }
        Object value = exchange.getMessage().getHeader("CamelRedis.Value");
        String report = value instanceof String s ? s : exchange.getMessage().getBody(String.class);
        if (report == null) {
            return;
        }
        Object symbol = exchange.getMessage().getHeader(SYMBOL_HEADER);
        for (Sink sink : current) {
            Exchange copy = sink.endpoint().createExchange();
            copy.getMessage().setBody(report);
            if (symbol != null) {
                copy.getMessage().setHeader(SYMBOL_HEADER, symbol);
            }
            if (!sink.endpoint().getQueue().offer(copy)) {
                sink.drops().increment();
            }
        }
    }

    /**
     * Dead letter of a sink route: one WARN line naming the sink, the symbol and the last failure, counted in
     * {@code context8_report_sink_failures_total{sink}}.
     */
    public void deadLetter(Exchange exchange) {
        String sink = sinkName(exchange.getFromEndpoint());
        String name = sink == null ? String.valueOf(exchange.getFromRouteId()) : sink;
        failures.computeIfAbsent(name, n -> Counter.builder("context8.report.sink.failures")
                .description("Reports (or alerts) a sink gave up on after its retries").tag("sink", n)
                .register(meters)).increment();
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("Report sink {} (route {}) gave up on a report of {} after its retries: {}", name,
                exchange.getFromRouteId(), exchange.getMessage().getHeader(SYMBOL_HEADER, "-", String.class),
                t == null ? "-" : t.getMessage());
    }

    /**
     * The route {@code routeId} is about to be stopped (a reload of its route file): no report is handed to it from
     * now, so that its queue drains and the stop does not wait for a queue that is fed all along; until the route
     * has stopped, been removed or started again.
     */
    public void stopping(String routeId) {
        stopping.add(routeId);
        refresh();
    }

    /** The names of the sinks reports are handed to now, in route order. */
    public List<String> sinkNames() {
        List<String> names = new ArrayList<>();
        for (Sink s : sinks) {
            names.add(s.name());
        }
        return names;
    }

    /** Reports dropped so far because the sink's queue was full. */
    public double drops(String sink) {
        Counter c = drops.get(sink);
        return c == null ? 0 : c.count();
    }

    /** Re-reads the sink routes from the context. */
    void refresh() {
        refresh(null);
    }

    /** Re-reads the started sink routes from the context, leaving out {@code leaving} (being removed). */
    synchronized void refresh(String leaving) {
        List<Sink> found = new ArrayList<>();
        for (Route route : camelContext.getRoutes()) {
            String name = sinkName(route.getEndpoint());
            if (name == null || !(route.getEndpoint() instanceof SedaEndpoint seda)
                    || route.getRouteId().equals(leaving) || stopping.contains(route.getRouteId()) || !started(route)) {
                continue;
            }
            if (seda.isMultipleConsumers() || seda.getConcurrentConsumers() > 1) {
                LOG.warn("Report sink {} (route {}) has multipleConsumers or concurrentConsumers > 1: it will see"
                        + " reports out of order", name, route.getRouteId());
            }
            Counter counter = drops.computeIfAbsent(name, n -> Counter.builder("context8.report.sink.drops")
                    .description("Reports not handed to a sink because its queue was full").tag("sink", n)
                    .register(meters));
            found.add(new Sink(name, route.getRouteId(), seda, counter));
        }
        Sink[] next = found.toArray(Sink[]::new);
        if (!sinkNames(next).equals(sinkNames(sinks))) {
            LOG.info("Report sinks: {}", sinkNames(next));
        }
        sinks = next;
    }

    private boolean started(Route route) {
        ServiceStatus status = camelContext.getRouteController().getRouteStatus(route.getRouteId());
        return status != null && (status.isStarted() || status.isStarting());
    }

    private static List<String> sinkNames(Sink[] list) {
        List<String> names = new ArrayList<>();
        for (Sink s : list) {
            names.add(s.name() + "=" + s.routeId());
        }
        return names;
    }

    /** {@code <name>} of a {@code seda:report-sink.<name>} endpoint, else null. */
    static String sinkName(Endpoint endpoint) {
        if (!(endpoint instanceof SedaEndpoint)) {
            return null;
        }
        String uri = endpoint.getEndpointUri();
        int start = uri.indexOf(':') + 1;
        while (start < uri.length() && uri.charAt(start) == '/') {
            start++;
        }
        int end = uri.indexOf('?', start);
        String path = end < 0 ? uri.substring(start) : uri.substring(start, end);
        return path.startsWith(SINK_PREFIX) && path.length() > SINK_PREFIX.length()
                ? path.substring(SINK_PREFIX.length()) : null;
    }

    /**
     * Re-reads the sinks when a route is added, removed, started or stopped (a stopped sink gets no reports and
     * counts no drops); ignores every exchange event, so it adds nothing per exchange.
     */
    private final class RouteWatcher extends EventNotifierSupport {
        RouteWatcher() {
            setIgnoreExchangeEvents(true);
            setIgnoreExchangeAsyncProcessingStartedEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreCamelContextInitEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.RouteAddedEvent || event instanceof CamelEvent.RouteRemovedEvent
                    || event instanceof CamelEvent.RouteStartedEvent || event instanceof CamelEvent.RouteStoppedEvent
                    || event instanceof CamelEvent.CamelContextStartedEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.RouteEvent r && !(event instanceof CamelEvent.RouteAddedEvent)) {
                stopping.remove(r.getRoute().getRouteId()); // stopped, removed or started again
            }
            refresh(event instanceof CamelEvent.RouteRemovedEvent removed ? removed.getRoute().getRouteId()
                    : event instanceof CamelEvent.RouteStoppedEvent stopped ? stopped.getRoute().getRouteId() : null);
        }
    }
}
