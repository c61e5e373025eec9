package io.context8.config;

import java.util.Map;
import java.util.function.Predicate;

import jakarta.servlet.DispatcherType;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.context8.mcp.HttpEdgeFilter;
import io.context8.mcp.HttpEdgePolicy;
import io.context8.mcp.McpProperties;
import io.context8.mcp.RequestBodyPrefetchFilter;

/**
 * The HTTP edge of every role that runs a web server (docs/reliability.md, HTTP edge): the Host, Origin, token
 * and readiness rules ({@link HttpEdgeFilter}), then the non-blocking, bounded body read
 * ({@link RequestBodyPrefetchFilter}), both before Spring MVC and Camel's platform-http.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({McpProperties.class, Context8Properties.class})
public class HttpEdgeConfiguration {

    /** The route behind each serving path. */
    static final Map<String, String> SERVING_ROUTES = Map.of("/mcp", "serve-mcp-http", "/get_report",
            "serve-report-http");

    @Bean
    FilterRegistrationBean<HttpEdgeFilter> httpEdgeFilter(McpProperties mcp, Context8Properties context8,
            @Value("${server.address:}") String serverAddress, ObjectProvider<CamelContext> camel) {
        Predicate<String> ready = null;
        if (context8.hasRole("mcp") && "http".equalsIgnoreCase(mcp.transport())) {
            ready = path -> started(camel.getIfAvailable(), SERVING_ROUTES.get(path));
        }
        var registration = new FilterRegistrationBean<>(new HttpEdgeFilter(new HttpEdgePolicy(mcp, serverAddress),
                ready));
        // after Spring's character-encoding and observation filters, before everything else
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyPrefetchFilter> requestBodyPrefetchFilter(McpProperties mcp) {
        var registration = new FilterRegistrationBean<>(new RequestBodyPrefetchFilter(
                mcp.maxRequestBytes().toBytes(), mcp.bodyReadTimeout().toMillis()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    private static boolean started(CamelContext camel, String routeId) {
        if (camel == null || routeId == null || !camel.isStarted()) {
            return false;
        }
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        return status != null && status.isStarted();
    }
}
