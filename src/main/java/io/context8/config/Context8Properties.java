package io.context8.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Typed view of every {@code context8.*} key in {@code application.yaml}. Each key is documented there
 * and can be overridden by an environment variable (see {@code .env.example}). The report, ingestion, windows and
 * analytics keys (the settings of the report chain) have their defaults in {@code application.yaml} alone, written
 * once ({@code MetricSettingsBindingTest} checks that it gives every one of them).
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
        @DefaultValue Windows windows,
        @DefaultValue Analytics analytics,
        @DefaultValue Book book,
        @DefaultValue Simulated simulated,
        @DefaultValue Redis redis,
        Routes routes) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /**
     * The routes folder ({@code context8.routes.*}; the defaults are in {@code application.yaml} only).
     *
     * @param dir    folder of route files loaded instead of the built-in ones; blank = the built-in routes
     * @param reload apply a changed, added or removed file of {@code dir} without a restart ({@code RouteReloads})
     */
    public record Routes(String dir, boolean reload) {
    }

    /** Where the exchange is: the live endpoints, or the built-in replay server in replay mode. */
    public record Binance(
            @DefaultValue("wss://stream.binance.com:9443") String wsUrl,
            @DefaultValue("https://api.binance.com") String restUrl,
            @DefaultValue("") String streams,
            @DefaultValue("5000") int snapshotLimit,
            @DefaultValue("500ms") Duration reconnectInitial,
            @DefaultValue("30s") Duration reconnectMax,
            @DefaultValue("2.0") double reconnectMultiplier,
            @DefaultValue("0.5") double reconnectJitter,
            @DefaultValue("23h") Duration maxConnectionAge,
            @DefaultValue("10000") int maxFramesInFlight) {
    }

    /** The built-in Binance-compatible replay server. */
    public record Replay(
            @DefaultValue("") List<String> files,
            @DefaultValue("max") String speed,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("8090") int port,
            @DefaultValue("false") boolean loop) {
    }

    /** The simulated market (context8.source=simulated), served by the replay server (docs/replay.md). */
    public record Simulated(
            @DefaultValue("1") long seed,
            @DefaultValue("1") String speed,
            @DefaultValue("20") double tradeRate,
            @DefaultValue("0.6") double volatility) {
    }

    /**
     * Redis client settings bound here (the embedded-Redis keys context8.redis.embedded and embedded-port are read
     * before the context starts, by Context8EnvironmentPostProcessor).
     */
    public record Redis(
            @DefaultValue("2s") Duration writeTimeout) {
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
            Duration interval,
            Duration heartbeat,
            Duration ttl,
            int depthLevels) {
    }

    /** Ingestion status thresholds, on local time since the last event was ingested. */
    public record Ingestion(
            Duration freshMax,
            Duration downAfter,
            long heartbeatMs,
            Duration statusTtl) {
    }

    /** Rolling windows, on exchange event time. */
    public record Windows(
            Duration ordersPerSec,
            Duration netFlow) {
    }

    /** Liquidity, anomaly and health settings of the report (docs/metrics.md). */
    public record Analytics(
            Duration maxEventTimeSkew,
            Walls walls,
            Vacuums vacuums,
            Profile profile,
            Bands bands,
            Spoofing spoofing,
            Iceberg iceberg,
            FlashCrash flashCrash,
            Health health) {
    }

    /** Walls: qty >= max(P95 of observed level quantities x factor, min-qty). */
    public record Walls(
            int samples,
            double factor,
            double minQty,
            double maxDistanceBps,
            int max,
            double mediumRatio,
            double highRatio) {
    }

    /** Vacuums: ranges of levels thinner than the rolling P10. */
    public record Vacuums(
            double minWidthBps,
            double mediumBps,
            double highBps,
            double maxDistanceBps,
            int max) {
    }

    /** Volume profile. */
    public record Profile(
            Duration window,
            double binBps,
            double valueArea,
            int minTrades) {
    }

    /** Depth bands and slippage sizes. */
    public record Bands(
            List<Double> pct,
            List<Double> slippageQuote) {
    }

    /** Spoofing detector. */
    public record Spoofing(
            Duration window,
            double sizeFactor,
            double minDistanceSpreads,
            int spreadSamples,
            Duration tradeLookback,
            Duration maxLifetime,
            Duration requoteWindow,
            double sizeTolerance,
            Duration minDuration,
            double sideShare,
            int minCount,
            int mediumCount,
            int highCount) {
    }

    /** Iceberg detector. */
    public record Iceberg(
            Duration window,
            int minFills,
            double minRatio,
            double mediumRatio,
            double highRatio,
            int mediumFills,
            int highFills,
            Duration minDuration) {
    }

    /** Flash-crash-risk detector. */
    public record FlashCrash(
            Duration baseline,
            double spreadFactor,
            double spreadQuantile,
            int spreadSamples,
            double nearBandPct,
            double vacuumWidthBps,
            double depthShrink,
            Duration slice,
            double sellShare,
            double acceleration) {
    }

    /** The book's check against Binance's bookTicker and the resync requests from analytics to ingest. */
    public record Book(
            @DefaultValue("5s") Duration frozenAfter,
            @DefaultValue("20") int frozenMinTickers,
            @DefaultValue("5s") Duration resyncInterval,
            @DefaultValue("context8:resync-requests") String resyncKey) {
    }

    /** Health score normalization. */
    public record Health(
            double spreadGoodBps,
            double spreadBadBps,
            double depthBandPct,
            double depthTarget) {
    }
}
