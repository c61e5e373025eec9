package io.context8.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/** The {@code context8.mcp} section of application.yaml binds to {@link McpProperties} with its documented defaults. */
class McpPropertiesTest {

    @Test
    void applicationYamlDefaults() throws IOException {
        var env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
                .forEach(env.getPropertySources()::addLast);
        McpProperties p = new Binder(ConfigurationPropertySources.get(env))
                .bindOrCreate("context8.mcp", McpProperties.class);
        assertThat(p.allowedOrigins()).isEmpty();
        assertThat(p.maxRequestBytes()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(p.maxRequestBytes().toBytes()).isEqualTo(1_048_576L);
    }

    @Test
    void defaultsWithoutConfiguration() {
        McpProperties p = new Binder().bindOrCreate("context8.mcp", McpProperties.class);
        assertThat(p.allowedOrigins()).isEmpty();
        assertThat(p.maxRequestBytes().toBytes()).isEqualTo(1_048_576L);
    }
}
