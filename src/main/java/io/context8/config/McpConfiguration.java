package io.context8.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.Context8Application;
import io.context8.mcp.HttpReplyWriter;
import io.context8.mcp.MarketDataReader;
import io.context8.mcp.MarketTools;
import io.context8.mcp.McpHttpEndpoint;
import io.context8.mcp.McpProperties;
import io.context8.mcp.McpRequestMetrics;
import io.context8.mcp.McpStdioServer;
import io.context8.mcp.McpWarmup;
import io.context8.mcp.NetworkntSchemaValidator;
import io.context8.mcp.ReportHttpEndpoint;
import io.context8.mcp.ReportLookup;
import io.context8.mcp.ReportReader;
import io.context8.mcp.ReportResources;
import io.context8.mcp.ReportTool;
import io.context8.mcp.RouteServerTransport;
import io.context8.mcp.StdioStreams;
import io.context8.mcp.SymbolCompletions;
import io.context8.mcp.SymbolDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Wires the MCP server (SDK stateless API behind {@link RouteServerTransport}) and the beans the serving
 * routes call: {@code mcpHttpEndpoint}, {@code reportHttpEndpoint}, {@code httpReplyWriter}. The application
 * provides the {@link ReportReader}. Active when {@code context8.roles} includes {@code mcp}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${context8.roles:ingest,analytics,mcp}'.toLowerCase().contains('mcp')")
@EnableConfigurationProperties({McpProperties.class, Context8Properties.class})
public class McpConfiguration {

    public static final String SERVER_NAME = "context8";

    @Bean
    RouteServerTransport mcpServerTransport() {
        return new RouteServerTransport();
    }

    @Bean
    ReportLookup reportLookup(ReportReader reportReader, ObjectProvider<SymbolDirectory> symbols,
            Context8Properties properties) {
        // the application provides the directory (ServingConfiguration); a serving slice alone answers for its
        // configured symbols
        return new ReportLookup(reportReader, symbols.getIfAvailable(() -> SymbolDirectory.fixed(properties.symbols())));
    }

    @Bean(destroyMethod = "close")
    McpStatelessSyncServer mcpServer(RouteServerTransport transport, ReportLookup reportLookup,
            MarketDataReader marketDataReader, ObjectProvider<BuildProperties> buildProperties) {
        // the SDK's own mapper, untouched by Spring's Jackson customizations (and not a bean, which would
        // replace Spring Boot's ObjectMapper)
        // stored reports and market data are read with their decimals as BigDecimal, so structuredContent is
        // written back as the same plain text (a double would come out as 9.0E-5 or 1.23456789E7)
        ObjectMapper objectMapper = new ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        var jsonMapper = new JacksonMcpJsonMapper(objectMapper);
        var validator = new NetworkntSchemaValidator(objectMapper);
        ReportTool tool = new ReportTool(reportLookup, jsonMapper, validator);
        MarketTools marketTools = new MarketTools(reportLookup, marketDataReader, jsonMapper, validator,
                System::currentTimeMillis);
        ReportResources resources = new ReportResources(reportLookup);
        List<SyncToolSpecification> tools = new ArrayList<>();
        tools.add(tool.specification());
        tools.addAll(marketTools.specifications());
        return McpServer.sync(transport)
                .serverInfo(SERVER_NAME, projectVersion(buildProperties))
                // explicit: the default advertises logging, which the stateless server cannot handle
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false)
                        .prompts(false).completions().build())
                .jsonMapper(jsonMapper)
                .jsonSchemaValidator(validator)
                // the tools validate their own arguments so that failures carry the invalid_symbol code
                .validateToolInputs(false)
                .immediateExecution(true)
                .tools(tools)
                .resourceTemplates(resources.resourceTemplate())
                .prompts(resources.marketBrief())
                .completions(new SymbolCompletions(reportLookup).specifications())
                .build();
    }

    @Bean
    McpHttpEndpoint mcpHttpEndpoint(RouteServerTransport transport, McpProperties properties,
            McpStatelessSyncServer mcpServer, ObjectProvider<MeterRegistry> meters) {
        // depends on mcpServer: the server registers its handler with the transport when built
        MeterRegistry registry = meters.getIfAvailable();
        return new McpHttpEndpoint(transport, properties,
                registry == null ? McpRequestMetrics.NONE : new McpRequestMetrics(registry));
    }

    @Bean
    ReportHttpEndpoint reportHttpEndpoint(ReportLookup reportLookup, McpHttpEndpoint mcpHttpEndpoint) {
        return new ReportHttpEndpoint(reportLookup, mcpHttpEndpoint::authorized);
    }

    @Bean
    HttpReplyWriter httpReplyWriter() {
        return new HttpReplyWriter();
    }

    /** MCP over stdin/stdout, when started with {@code --stdio} ({@code context8.mcp.transport=stdio}). */
    @Bean
    @ConditionalOnProperty(name = "context8.mcp.transport", havingValue = "stdio")
    McpStdioServer mcpStdioServer(McpHttpEndpoint mcpHttpEndpoint) {
        return new McpStdioServer(mcpHttpEndpoint, System.in, StdioStreams.mcpOut());
    }

    @Bean
    McpWarmup mcpWarmup(McpHttpEndpoint mcpHttpEndpoint) {
        return new McpWarmup(mcpHttpEndpoint);
    }

    /** The build's version (Boot build-info, else the jar manifest), or {@code dev} when run from classes. */
    static String projectVersion(ObjectProvider<BuildProperties> buildProperties) {
        BuildProperties build = buildProperties.getIfAvailable();
        if (build != null && build.getVersion() != null) {
            return build.getVersion();
        }
        String version = Context8Application.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
