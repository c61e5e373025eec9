package io.context8.config;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.context8.mcp.McpProperties;
import io.context8.routes.RouteFiles;
import io.context8.routes.RouteReloads;
import io.context8.sinks.ReportTap;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Live reload of the routes folder, only with {@code context8.routes.reload=true} (and a
 * {@code context8.routes.dir}, which {@link Context8EnvironmentPostProcessor} requires with it).
 */
@Configuration(proxyBeanMethods = false)
public class RoutesConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(prefix = "context8.routes", name = "reload", havingValue = "true")
    RouteReloads routeReloads(Context8Properties p, McpProperties mcp, CamelContext camel, MeterRegistry meters,
            Environment env, ReportTap reportTap) {
        Path dir = SettingsCheck.routesDir(p.routes().dir());
        return new RouteReloads(camel, meters, dir, Context8EnvironmentPostProcessor.roles(String.join(",", p.roles())),
                "stdio".equalsIgnoreCase(mcp.transport()),
                RouteFiles.loadedFiles(env.getProperty("camel.main.routes-include-pattern")), reportTap::stopping);
    }
}
