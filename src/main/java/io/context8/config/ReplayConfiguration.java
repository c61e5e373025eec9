package io.context8.config;

import java.nio.file.Path;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.context8.replay.ReplayServer;
import io.context8.replay.ReplaySpeed;

/**
 * Replay mode: with {@code context8.source=replay} and the ingest role, the built-in Binance-compatible replay
 * server starts before the routes, and the ingest route (pointed at it by
 * {@link Context8EnvironmentPostProcessor}) connects to it exactly as to Binance.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReplayConfiguration.ReplayIngest.class)
public class ReplayConfiguration {

    @Bean(destroyMethod = "stop")
    ReplayServer replayServer(Context8Properties props) {
        // checked before the start by SettingsCheck.replay (Context8EnvironmentPostProcessor)
        List<Path> files = SettingsCheck.replayFiles(props.replay().files());
        return ReplayServer.builder().files(files).speed(ReplaySpeed.parse(props.replay().speed()))
                .host(props.replay().host()).port(props.replay().port()).build().start();
    }

    /** source=replay and the ingest role is on. */
    static final class ReplayIngest implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String source = context.getEnvironment().getProperty("context8.source", "live");
            String roles = context.getEnvironment().getProperty("context8.roles", "ingest,analytics,mcp");
            return "replay".equalsIgnoreCase(source.trim())
                    && Context8EnvironmentPostProcessor.roles(roles).contains("ingest");
        }
    }
}
