package io.context8.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.context8.routes.RouteFiles;

/**
 * Derives settings that follow from others, before the context starts:
 * <ul>
 *   <li>{@code context8.roles} selects which route files Camel loads ({@code camel.main.routes-include-pattern});
 *       routes shared by all roles live in {@code routes/common-*.camel.yaml}. With {@code context8.routes.dir}
 *       the files come from that folder instead, by the same prefixes ({@link RouteFiles}: a file without a role
 *       prefix loads with every role). {@code context8.routes.reload} without such a folder is turned off with a warning.</li>
 *   <li>{@code context8.binance.streams}: the combined-stream list for {@code context8.symbols}.</li>
 *   <li>{@code context8.source} is one of {@code live}, {@code replay}, {@code simulated} (else start-up fails
 *       naming them); {@code replay} and {@code simulated} point the ingest route at the built-in replay
 *       server.</li>
 *   <li>{@code REDIS_URL} sets {@code spring.data.redis.url}; without it an embedded Redis is started
 *       ({@link EmbeddedRedis}) unless {@code context8.redis.embedded=false}, on
 *       {@code context8.redis.embedded-port} (0 = a free one), and its URL is logged so that another process
 *       (a stdio MCP client, redis-cli) can use it.</li>
 *   <li>{@code context8.observability.log-format=json} (the default) selects the JSON log line
 *       ({@code logging.structured.format.console}); {@code text} keeps Spring Boot's readable pattern.</li>
 * </ul>
 * Settings that cannot work (a malformed symbol, a missing replay file, a port or Redis URL that does not parse)
 * stop the start here, before Redis or any route starts, with one line ({@link SettingsCheck},
 * {@link InvalidSettingException}); symbols are taken in upper case.
 */
public class Context8EnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final Set<String> KNOWN_ROLES = Set.of("ingest", "analytics", "mcp");

    private final Log log;

    public Context8EnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(Context8EnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> derived = new HashMap<>();

        String symbolsValue = env.getProperty("context8.symbols", "BTCUSDT,ETHUSDT");
        List<String> symbols = SettingsCheck.symbols(symbolsValue);
        String upper = String.join(",", symbols);
        if (!upper.equals(symbolsValue.replace(" ", ""))) {
            derived.put("context8.symbols", upper);
            log.warn("CONTEXT8_SYMBOLS: \"" + symbolsValue + "\" taken as " + upper
                    + " (Binance symbols are upper case)");
        }
        String source = SettingsCheck.source(env.getProperty("context8.source", "live"));
        String serverPort = env.getProperty("server.port");
        if (serverPort != null) {
            SettingsCheck.port("SERVER_PORT", serverPort);
        }
        String redisUrl = env.getProperty("REDIS_URL");
        if (redisUrl != null && !redisUrl.isBlank()) {
            SettingsCheck.redisUrl("REDIS_URL", redisUrl);
        } else if (env.getProperty("spring.data.redis.url") != null) {
            SettingsCheck.redisUrl("SPRING_DATA_REDIS_URL", env.getProperty("spring.data.redis.url"));
        }

        Set<String> roles = roles(env.getProperty("context8.roles", "ingest,analytics,mcp"));
        boolean stdio = "stdio".equalsIgnoreCase(env.getProperty("context8.mcp.transport", "http"));
        Path routesDir = SettingsCheck.routesDir(env.getProperty("context8.routes.dir", ""));
        if (routesDir == null && Boolean.TRUE.equals(env.getProperty("context8.routes.reload", Boolean.class))) {
            // harmless, and likely where one .env serves every service but only some mount a folder: not an error
            derived.put("context8.routes.reload", "false");
            log.warn("CONTEXT8_ROUTES_RELOAD=true has no effect without CONTEXT8_ROUTES_DIR: the built-in routes are"
                    + " not reloaded");
        }
        List<String> patterns = new ArrayList<>();
        if (routesDir == null) {
            patterns.add("classpath:routes/common-*.camel.yaml");
            for (String role : roles) {
                // MCP over stdio has no web server: only the Redis reads of the serving side, no platform-http routes
                patterns.add("classpath:routes/" + role + (stdio && role.equals("mcp") ? "-read-*" : "-*") + ".camel.yaml");
            }
        } else {
            // the folder's files this process loads, by name (RouteFiles: role prefix, or none = every role)
            for (Path file : RouteFiles.select(routesDir, roles, stdio)) {
                patterns.add("file:" + file);
            }
            if (patterns.isEmpty()) {
                log.warn("CONTEXT8_ROUTES_DIR: " + routesDir + " holds no route file for roles " + roles
                        + " (<role>-*.camel.yaml or any other *.camel.yaml); no routes loaded");
                patterns.add("file:" + routesDir.resolve("common-*.camel.yaml"));
            }
            log.info("Routes from " + routesDir + ": " + patterns.size() + " files");
        }
        String include = env.getProperty("camel.main.routes-include-pattern");
        if (include == null || include.isBlank()) {
            derived.put("camel.main.routes-include-pattern", String.join(",", patterns));
        }

        derived.put("context8.binance.streams", streams(upper));

        if (!"live".equals(source)) {
            String host = env.getProperty("context8.replay.host", "127.0.0.1");
            String port = env.getProperty("context8.replay.port", "8090");
            if (roles.contains("ingest") && "replay".equals(source)) { // a simulated market needs no files
                SettingsCheck.replay(env.getProperty("context8.replay.files", ""),
                        env.getProperty("context8.replay.speed", "max"), port);
            }
            if ("0".equals(port.trim()) && roles.contains("ingest")) {
                // "any free port": chosen here, so that ingest connects to the port the replay server binds
                port = Integer.toString(freePort(host));
                derived.put("context8.replay.port", port);
            }
            derived.put("context8.binance.ws-url", "ws://" + host + ":" + port);
            derived.put("context8.binance.rest-url", "http://" + host + ":" + port);
        }

        // JSON log lines unless context8.observability.log-format=text (read before logging starts)
        String logFormat = env.getProperty("context8.observability.log-format", "json").trim();
        if (!"json".equalsIgnoreCase(logFormat) && !"text".equalsIgnoreCase(logFormat)) {
            throw new InvalidSettingException("CONTEXT8_OBSERVABILITY_LOG_FORMAT", "\"" + logFormat
                    + "\" is neither json nor text");
        }
        if ("json".equalsIgnoreCase(logFormat) && env.getProperty("logging.structured.format.console") == null) {
            derived.put("logging.structured.format.console", "io.context8.observability.JsonLogFormatter");
        }

        if (redisUrl != null && !redisUrl.isBlank()) {
            derived.put("spring.data.redis.url", redisUrl);
        } else if (env.getProperty("spring.data.redis.url") == null
                && env.getProperty("context8.redis.embedded", Boolean.class, Boolean.TRUE)) {
            String url = EmbeddedRedis.startOnce(env.getProperty("context8.redis.embedded-port", Integer.class, 0));
            derived.put("spring.data.redis.url", url);
            log.info("Embedded Redis at " + url + " (REDIS_URL=" + url + " lets another process, e.g. an MCP"
                    + " client over stdio, read it; CONTEXT8_REDIS_EMBEDDED_PORT fixes the port)");
        }
        env.getPropertySources().addFirst(new MapPropertySource("context8-derived", derived));
    }

    /** Binance combined-stream names for the symbols: trade, 100 ms diffs, book ticker and 24 h ticker each. */
    static String streams(String symbols) {
        List<String> streams = new ArrayList<>();
        for (String s : SettingsCheck.symbols(symbols)) {
            String sym = s.toLowerCase(Locale.ROOT);
            streams.add(sym + "@trade");
            streams.add(sym + "@depth@100ms");
            streams.add(sym + "@bookTicker");
            streams.add(sym + "@ticker");
        }
        return String.join("/", streams);
    }

    /** {@code context8.source}, trimmed and lower-cased; an unknown value fails naming the known ones. */
    static String source(String value) {
        return SettingsCheck.source(value);
    }

    static Set<String> roles(String value) {
        Set<String> roles = new LinkedHashSet<>();
        for (String r : value.split(",")) {
            String role = r.trim().toLowerCase(Locale.ROOT);
            if (role.isEmpty()) {
                continue;
            }
            if (!KNOWN_ROLES.contains(role)) {
                throw new InvalidSettingException("CONTEXT8_ROLES", "unknown role \"" + role
                        + "\" (known: ingest, analytics, mcp)");
            }
            roles.add(role);
        }
        if (roles.isEmpty()) {
            throw new InvalidSettingException("CONTEXT8_ROLES", "is empty; use any of ingest, analytics, mcp");
        }
        return roles;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** A port that is free on {@code host} now (the replay server binds it moments later). */
    private static int freePort(String host) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new InvalidSettingException("CONTEXT8_REPLAY_PORT", "0 (any free port), but no port is free on "
                    + host + ": " + e.getMessage());
        }
    }
}
