package io.context8.observability;

import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import io.context8.ingest.IngestStatus;
import io.context8.mcp.ReportReader;

/**
 * The {@code context8} health contributor, part of the readiness group ({@code /actuator/health/readiness}
 * together with Spring Boot's {@code redis} PING check). Per role this process runs:
 * <ul>
 *   <li>ingest: the websocket route {@value #INGEST_ROUTE} is started and its websocket connected (it
 *       connects in the background and retries while Binance is unreachable); details say whether frames
 *       are arriving ({@code receiving}), not ({@code silent}), or there is no connection
 *       ({@code not_connected});</li>
 *   <li>analytics: the stream consumer route {@value #ANALYTICS_ROUTE} is started;</li>
 *   <li>mcp: a report read through the serving path ({@code read-report} route, a Redis GET) succeeds; a
 *       missing report is fine, an unreachable store is not.</li>
 * </ul>
 */
public final class RoleReadiness implements HealthIndicator {

    static final String INGEST_ROUTE = "ingest-binance-frames";
    static final String ANALYTICS_ROUTE = "consume-market-events";

    private final Set<String> roles;
    private final CamelContext camel;
    private final IngestStatus ingest;
    private final ReportReader reports;
    private final String probeSymbol;

    /**
     * @param reports     the serving path's reader, unmetered (null without the mcp role)
     * @param probeSymbol symbol whose report the mcp check reads
     */
    public RoleReadiness(Set<String> roles, CamelContext camel, IngestStatus ingest, ReportReader reports,
            String probeSymbol) {
        this.roles = roles;
        this.camel = camel;
        this.ingest = ingest;
        this.reports = reports;
        this.probeSymbol = probeSymbol;
    }

    @Override
    public Health health() {
        Health.Builder h = Health.up().withDetail("roles", String.join(",", roles));
        boolean up = true;
        if (roles.contains("ingest")) {
            boolean connected = started(INGEST_ROUTE) && ingest.connected();
            h.withDetail("websocket", connected ? ingest.websocket(System.currentTimeMillis()) : "not_connected");
            up &= connected;
        }
        if (roles.contains("analytics")) {
            boolean consuming = started(ANALYTICS_ROUTE);
            h.withDetail("stream_consumer", consuming ? "started" : "stopped");
            up &= consuming;
        }
        if (roles.contains("mcp") && reports != null) {
            String store;
            try {
                reports.read(probeSymbol);
                store = "readable";
            } catch (RuntimeException e) {
                store = "unreachable";
                up = false;
            }
            h.withDetail("report_store", store);
        }
        return up ? h.build() : h.down().build();
    }

    private boolean started(String routeId) {
        ServiceStatus s = camel.getRouteController().getRouteStatus(routeId);
        return s != null && s.isStarted();
    }
}
