package io.context8.mcp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Profile;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.context8.config.HttpEdgeConfiguration;
import io.context8.config.McpConfiguration;

/**
 * The serving side alone: auto-configuration (web, Camel, platform-http), {@link McpConfiguration}, the HTTP
 * edge filters ({@link HttpEdgeConfiguration}) and an
 * in-memory {@link ReportReader}, without the rest of the application's beans. Tests run it with the
 * {@value #PROFILE} profile ({@code application-mcp-test.properties}). Bound to that profile, so the
 * application's component scan (in tests that boot the whole app) leaves it out.
 */
@SpringBootConfiguration
@Profile(McpTestApplication.PROFILE)
@EnableAutoConfiguration
@Import({McpConfiguration.class, HttpEdgeConfiguration.class})
public class McpTestApplication {

    public static final String PROFILE = "mcp-test";

    @Bean
    InMemoryReportReader reportReader() {
        return new InMemoryReportReader();
    }
}
