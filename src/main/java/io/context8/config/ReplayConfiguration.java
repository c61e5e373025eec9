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
import io.context8.replay.SimulatedMarket;

/**
 * Replay mode: with {@code context8.source=replay} (recordings, optionally looped) or {@code simulated} (the
 * synthetic market) and the ingest role, the built-in Binance-compatible replay server starts before the routes,
 * and the ingest route (pointed at it by {@link Context8EnvironmentPostProcessor}) connects to it exactly as to
 * Binance.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReplayConfiguration.ReplayIngest.class)
public class ReplayConfiguration {

    @Bean(destroyMethod = "stop")
    ReplayServer replayServer(Context8Properties props) {
        if ("simulated".equals(Context8EnvironmentPostProcessor.source(props.source()))) {
            Context8Properties.Simulated sim = props.simulated();
            List<String> symbols = props.symbols().stream().map(s -> s.trim().toUpperCase(java.util.Locale.ROOT))
                    .filter(s -> !s.isEmpty()).toList();
            SimulatedMarket market = new SimulatedMarket(symbols,
                    new SimulatedMarket.Settings(sim.seed(), sim.tradeRate(), sim.volatility()), System::currentTimeMillis);
            return ReplayServer.builder().simulated(market).speed(ReplaySpeed.parse(sim.speed()))
                    .host(props.replay().host()).port(props.replay().port()).build().start();
        }
        // checked before the start by SettingsCheck.replay (Context8EnvironmentPostProcessor)
        List<Path> files = SettingsCheck.replayFiles(props.replay().files());
        return ReplayServer.builder().files(files).speed(ReplaySpeed.parse(props.replay().speed()))
                .loop(props.replay().loop()).host(props.replay().host()).port(props.replay().port()).build().start();
    }

    /** source=replay or simulated, and the ingest role is on. */
    static final class ReplayIngest implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String source = context.getEnvironment().getProperty("context8.source", "live");
            String roles = context.getEnvironment().getProperty("context8.roles", "ingest,analytics,mcp");
            return !"live".equals(Context8EnvironmentPostProcessor.source(source))
                    && Context8EnvironmentPostProcessor.roles(roles).contains("ingest");
        }
    }
}
