package io.context8.analytics;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.context8.ingest.IngestHeartbeat;
import io.context8.errors.ErrorCounters;
import io.context8.errors.FailureLog;
import io.micrometer.core.instrument.MeterRegistry;

/** The analytics routes' Redis steps: prepares {@code spring-redis} SETEX of reports and GET of ingest status. */
public class ReportPublisher {

    /** Redis key of a symbol's report. */
    public static String reportKey(String symbol) {
        return "report:" + symbol;
    }

    /**
     * The {@code context8_errors_total{component="analytics"}} types registered at 0 at start: the ids of the
     * routes whose exchanges {@link #failed} counts (the route an exchange came from: the stream consumer's for
     * report publication, which it calls, and the status poll's).
     */
    public static final java.util.List<String> KNOWN_ERROR_TYPES = java.util.List.of("consume-market-events",
            "publish-market-report", "read-ingest-status");

    private static final Logger LOG = LoggerFactory.getLogger(ReportPublisher.class);

    private final long ttlSeconds;
    private final String statusKey;
    private final ErrorCounters errors;
    /** One WARN line per back-off step of a repeated failure (Redis down: the status poll fails twice a second). */
    private final FailureLog failures = new FailureLog(LOG);

    public ReportPublisher(long ttlSeconds, String venue, MeterRegistry meters) {
        this.ttlSeconds = Math.max(1, ttlSeconds);
        this.statusKey = IngestHeartbeat.key(venue);
        this.errors = new ErrorCounters(meters, "analytics", KNOWN_ERROR_TYPES);
    }

    /**
     * Body the report JSON text and header {@code context8Symbol} (as build-market-report leaves them) -> the SETEX
     * key, value and TTL headers.
     */
    public void prepare(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        org.apache.camel.Message m = exchange.getMessage();
        String symbol = m.getHeader("context8Symbol", String.class);
        String json = m.getMandatoryBody(String.class);
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("report without the header context8Symbol: the route that builds"
                    + " it must keep the header set by build-market-report");
        }
        m.setHeader("CamelRedis.Key", reportKey(symbol));
        m.setHeader("CamelRedis.Value", json);
        m.setHeader("CamelRedis.Timeout", ttlSeconds);
    }

    /** Body {@link ResyncRequest} -> body its JSON, header {@code context8Symbol} (the stream entry's fields). */
    public void prepareResyncRequest(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        ResyncRequest r = exchange.getMessage().getMandatoryBody(ResyncRequest.class);
        exchange.getMessage().setBody(r.json());
        exchange.getMessage().setHeader("context8Symbol", r.symbol());
        exchange.getMessage().setHeader("context8Type", "book_resync_request");
    }

    /** Sets the GET key of the ingest status document (and an empty body: a missing key leaves it untouched). */
    public void prepareStatusRead(Exchange exchange) {
        exchange.getMessage().setHeader("CamelRedis.Key", statusKey);
        exchange.getMessage().setBody("");
    }

    /** Counts and logs a failed analytics step. */
    public void failed(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String route = exchange.getFromRouteId();
        String type = route == null ? "analytics" : route;
        errors.increment(type);
        failures.failed(type, "Analytics step {} failed for {}: {}", type,
                exchange.getMessage().getHeader("context8Symbol", "-", String.class), t == null ? "" : t.getMessage());
    }
}
