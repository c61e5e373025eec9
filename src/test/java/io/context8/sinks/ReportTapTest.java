package io.context8.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Which endpoints are report sinks, and the sink's name; a sink route about to stop is not fed. */
class ReportTapTest {

    @Test
    void aSinkIsASedaEndpointNamedReportSinkDotName() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            assertThat(ReportTap.sinkName(camel.getEndpoint("seda:report-sink.file?size=5"))).isEqualTo("file");
            assertThat(ReportTap.sinkName(camel.getEndpoint("seda://report-sink.alerts-eu"))).isEqualTo("alerts-eu");
            assertThat(ReportTap.sinkName(camel.getEndpoint("seda:report-sink."))).as("no name").isNull();
            assertThat(ReportTap.sinkName(camel.getEndpoint("seda:reports"))).isNull();
            assertThat(ReportTap.sinkName(camel.getEndpoint("direct:report-sink.file"))).as("not seda").isNull();
        }
    }

    @Test
    void aSinkRouteAboutToStopGetsNoMoreReportsUntilItIsStartedAgain() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("seda:report-sink.file").routeId("write-report-file").log("${body}");
                }
            });
            camel.start();
            ReportTap tap = new ReportTap(new SimpleMeterRegistry());
            tap.setCamelContext(camel);
            assertThat(tap.sinkNames()).containsExactly("file");

            tap.stopping("write-report-file");
            assertThat(tap.sinkNames()).as("about to stop: not fed, so that its queue drains").isEmpty();
            camel.getRouteController().stopRoute("write-report-file");
            assertThat(tap.sinkNames()).isEmpty();
            camel.getRouteController().startRoute("write-report-file");
            assertThat(tap.sinkNames()).as("started again").containsExactly("file");
        }
    }
}
