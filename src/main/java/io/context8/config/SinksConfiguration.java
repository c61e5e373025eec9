package io.context8.config;

import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.context8.sinks.ReportTap;
import io.micrometer.core.instrument.MeterRegistry;

/** The report tap that the step {@code announce-report} calls (docs/routes.md, "Report sinks"). */
@Configuration(proxyBeanMethods = false)
public class SinksConfiguration {

    @Bean
    ReportTap reportTap(CamelContext camel, MeterRegistry meters) {
        ReportTap tap = new ReportTap(meters);
        tap.setCamelContext(camel);
        return tap;
    }
}
