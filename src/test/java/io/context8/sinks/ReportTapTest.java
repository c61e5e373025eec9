package io.context8.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Which endpoints are report sinks, and the sink's name. */
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
}
