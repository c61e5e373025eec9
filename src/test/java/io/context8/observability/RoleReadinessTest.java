package io.context8.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import io.context8.ingest.IngestStatus;

/** Readiness per role: the ingest role is ready only while its websocket is connected, not merely started. */
class RoleReadinessTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final IngestStatus ingest = new IngestStatus(5_000);

    @BeforeEach
    void routes() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:frames").routeId(RoleReadiness.INGEST_ROUTE).to("log:frames");
                from("direct:events").routeId(RoleReadiness.ANALYTICS_ROUTE).to("log:events");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private Health ingestHealth() {
        return new RoleReadiness(Set.of("ingest"), camel, ingest, null, "BTCUSDT").health();
    }

    @Test
    void aStartedIngestRouteWhoseWebsocketIsStillConnectingIsNotReady() {
        Health h = ingestHealth();
        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(h.getDetails()).containsEntry("websocket", "not_connected");
    }

    @Test
    void connectedIsReadyAndALostConnectionIsNotReadyAgain() {
        ingest.onConnected();
        assertThat(ingestHealth().getStatus()).isEqualTo(Status.UP);
        assertThat(ingestHealth().getDetails()).containsEntry("websocket", "silent");
        ingest.onFrame(System.currentTimeMillis());
        assertThat(ingestHealth().getDetails()).containsEntry("websocket", "receiving");
        ingest.onDisconnected();
        assertThat(ingestHealth().getStatus()).isEqualTo(Status.DOWN);
        assertThat(ingestHealth().getDetails()).containsEntry("websocket", "not_connected");
    }

    @Test
    void aStoppedIngestRouteIsNotReadyEvenIfTheLastConnectionWasOpen() throws Exception {
        ingest.onConnected();
        camel.getRouteController().stopRoute(RoleReadiness.INGEST_ROUTE);
        assertThat(ingestHealth().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void theMcpRoleIsReadyWhenTheStoreAnswersEvenWithoutAReportAndNotWhenItIsUnreachable() {
        RoleReadiness readable = new RoleReadiness(Set.of("mcp"), camel, ingest, symbol -> Optional.empty(), "BTCUSDT");
        assertThat(readable.health().getStatus()).isEqualTo(Status.UP);
        assertThat(readable.health().getDetails()).containsEntry("report_store", "readable");
        RoleReadiness unreachable = new RoleReadiness(Set.of("mcp"), camel, ingest, symbol -> {
            throw new IllegalStateException("connection refused");
        }, "BTCUSDT");
        assertThat(unreachable.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(unreachable.health().getDetails()).containsEntry("report_store", "unreachable");
    }

    @Test
    void theAnalyticsRoleIsReadyWhileItsConsumerRouteRuns() throws Exception {
        RoleReadiness analytics = new RoleReadiness(Set.of("analytics"), camel, ingest, null, "BTCUSDT");
        assertThat(analytics.health().getStatus()).isEqualTo(Status.UP);
        camel.getRouteController().stopRoute(RoleReadiness.ANALYTICS_ROUTE);
        assertThat(analytics.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(analytics.health().getDetails()).containsEntry("stream_consumer", "stopped");
    }
}
