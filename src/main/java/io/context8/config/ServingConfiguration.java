package io.context8.config;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.context8.mcp.MarketDataReader;
import io.context8.mcp.RegistrySymbolDirectory;
import io.context8.mcp.SymbolDirectory;
import io.context8.mcp.ReportReader;
import io.context8.mcp.RouteMarketDataReader;
import io.context8.mcp.RouteReportReader;
import io.context8.mcp.MeteredReportReader;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The serving side's report store (Redis through the read-report route) and its list of indexed symbols.
 * Active with the mcp role.
 */
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

    /**
     * With the analytics role in this process, its configured symbols; without it (an MCP process on its own),
     * the symbols the analytics processes registered in Redis, not this process's {@code context8.symbols}.
     */
    @Bean
    SymbolDirectory symbolDirectory(Context8Properties p, MarketDataReader marketDataReader) {
        if (p.hasRole("analytics")) {
            return SymbolDirectory.fixed(p.symbols());
        }
        return new RegistrySymbolDirectory(marketDataReader, REGISTRY_REFRESH_MS, System::currentTimeMillis);
    }

    /** How long an MCP process on its own uses the symbol list it read from Redis. */
    static final long REGISTRY_REFRESH_MS = 1000;
}
