package io.context8.config;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.context8.mcp.MarketDataReader;
import io.context8.mcp.ReportReader;
import io.context8.mcp.RouteMarketDataReader;
import io.context8.mcp.RouteReportReader;
import io.context8.observability.MeteredReportReader;
import io.micrometer.core.instrument.MeterRegistry;

/** The serving side's report store: Redis through the read-report route. Active with the mcp role. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${context8.roles:ingest,analytics,mcp}'.toLowerCase().contains('mcp')")
public class ServingConfiguration {

    @Bean(destroyMethod = "stop")
    ProducerTemplate reportReadTemplate(CamelContext camel) {
        return camel.createProducerTemplate();
    }

    @Bean
    ReportReader reportReader(ProducerTemplate reportReadTemplate, MeterRegistry meters, Context8Properties p) {
        return new MeteredReportReader(new RouteReportReader(reportReadTemplate), meters, p.symbols());
    }

    @Bean
    MarketDataReader marketDataReader(ProducerTemplate reportReadTemplate) {
        return new RouteMarketDataReader(reportReadTemplate);
    }
}
