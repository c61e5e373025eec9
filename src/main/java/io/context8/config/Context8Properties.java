package io.context8.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Typed view of every {@code context8.*} key in {@code application.yaml}. Each key is documented there
 * and can be overridden by an environment variable (see {@code .env.example}).
 */
@ConfigurationProperties(prefix = "context8")
public record Context8Properties(
        @DefaultValue("ingest,analytics,mcp") Set<String> roles,
        @DefaultValue("BTCUSDT,ETHUSDT") List<String> symbols,
        @DefaultValue("binance") String venue,
        @DefaultValue("live") String source,
        @DefaultValue("") String record,
        @DefaultValue Binance binance,
        @DefaultValue Replay replay,
        @DefaultValue Stream stream,
        @DefaultValue Report report,
        @DefaultValue Ingestion ingestion,
        @DefaultValue Windows windows) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Where the exchange is: the live endpoints, or the built-in replay server in replay mode. */
    public record Binance(
            @DefaultValue("wss://stream.binance.com:9443") String wsUrl,
            @DefaultValue("https://api.binance.com") String restUrl,
            @DefaultValue("") String streams,
            @DefaultValue("1000") int snapshotLimit,
            @DefaultValue("500ms") Duration reconnectInitial,
            @DefaultValue("30s") Duration reconnectMax,
            @DefaultValue("2.0") double reconnectMultiplier,
            @DefaultValue("0.5") double reconnectJitter,
            @DefaultValue("23h") Duration maxConnectionAge) {
    }

    /** The built-in Binance-compatible replay server. */
    public record Replay(
            @DefaultValue("") List<String> files,
            @DefaultValue("max") String speed,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("8090") int port) {
    }

    /** The Redis stream between ingest and analytics. */
    public record Stream(
            @DefaultValue("nt:binance") String key,
            @DefaultValue("30m") Duration retention,
            @DefaultValue("context8") String group,
            @DefaultValue("analytics-1") String consumer,
            @DefaultValue("500") int batchSize,
            @DefaultValue("100ms") Duration block,
            @DefaultValue("30s") Duration claimIdle,
            @DefaultValue("5") int maxDeliveries,
            @DefaultValue("") String deadLetterKey) {
    }

    /** Report publication. */
    public record Report(
            @DefaultValue("100ms") Duration interval,
            @DefaultValue("1s") Duration heartbeat,
            @DefaultValue("60s") Duration ttl,
            @DefaultValue("20") int depthLevels) {
    }

    /** Ingestion status thresholds, on local time since the last event was ingested. */
    public record Ingestion(
            @DefaultValue("1000ms") Duration freshMax,
            @DefaultValue("10s") Duration downAfter,
            @DefaultValue("1000") long heartbeatMs,
            @DefaultValue("5s") Duration statusTtl) {
    }

    /** Rolling windows, on exchange event time. */
    public record Windows(
            @DefaultValue("10s") Duration ordersPerSec,
            @DefaultValue("30s") Duration netFlow) {
    }
}
