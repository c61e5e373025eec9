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

    /** Liquidity, anomaly and health settings of the report (docs/metrics.md). */
    public record Analytics(
            @DefaultValue("1h") Duration maxEventTimeSkew,
            @DefaultValue Walls walls,
            @DefaultValue Vacuums vacuums,
            @DefaultValue Profile profile,
            @DefaultValue Bands bands,
            @DefaultValue Spoofing spoofing,
            @DefaultValue Iceberg iceberg,
            @DefaultValue FlashCrash flashCrash,
            @DefaultValue Health health) {
    }

    /** Walls: qty >= max(P95 of observed level quantities x factor, min-qty). */
    public record Walls(
            @DefaultValue("4096") int samples,
            @DefaultValue("1.5") double factor,
            @DefaultValue("0") double minQty,
            @DefaultValue("200") double maxDistanceBps,
            @DefaultValue("5") int max,
            @DefaultValue("2") double mediumRatio,
            @DefaultValue("4") double highRatio) {
    }

    /** Vacuums: ranges of levels thinner than the rolling P10. */
    public record Vacuums(
            @DefaultValue("3") double minWidthBps,
            @DefaultValue("8") double mediumBps,
            @DefaultValue("20") double highBps,
            @DefaultValue("200") double maxDistanceBps,
            @DefaultValue("5") int max) {
    }

    /** Volume profile. */
    public record Profile(
            @DefaultValue("30m") Duration window,
            @DefaultValue("1.0") double binBps,
            @DefaultValue("0.70") double valueArea,
            @DefaultValue("50") int minTrades) {
    }

    /** Depth bands and slippage sizes. */
    public record Bands(
            @DefaultValue("0.1,0.5,1,2") List<Double> pct,
            @DefaultValue("10000,100000,1000000") List<Double> slippageQuote) {
    }

    /** Spoofing detector. */
    public record Spoofing(
            @DefaultValue("60s") Duration window,
            @DefaultValue("3.5") double sizeFactor,
            @DefaultValue("5") double minDistanceSpreads,
            @DefaultValue("600") int spreadSamples,
            @DefaultValue("2s") Duration tradeLookback,
            @DefaultValue("10s") Duration maxLifetime,
            @DefaultValue("2s") Duration requoteWindow,
            @DefaultValue("0.2") double sizeTolerance,
            @DefaultValue("20s") Duration minDuration,
            @DefaultValue("0.75") double sideShare,
            @DefaultValue("3") int minCount,
            @DefaultValue("6") int mediumCount,
            @DefaultValue("12") int highCount) {
    }

    /** Iceberg detector. */
    public record Iceberg(
            @DefaultValue("60s") Duration window,
            @DefaultValue("5") int minFills,
            @DefaultValue("2") double minRatio,
            @DefaultValue("4") double mediumRatio,
            @DefaultValue("8") double highRatio,
            @DefaultValue("10") int mediumFills,
            @DefaultValue("20") int highFills,
            @DefaultValue("3s") Duration minDuration) {
    }

    /** Flash-crash-risk detector. */
    public record FlashCrash(
            @DefaultValue("60s") Duration baseline,
            @DefaultValue("3") double spreadFactor,
            @DefaultValue("0.99") double spreadQuantile,
            @DefaultValue("600") int spreadSamples,
            @DefaultValue("0.5") double nearBandPct,
            @DefaultValue("10") double vacuumWidthBps,
            @DefaultValue("0.5") double depthShrink,
            @DefaultValue("10s") Duration slice,
            @DefaultValue("0.8") double sellShare,
            @DefaultValue("2") double acceleration) {
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
            @DefaultValue("1") double spreadGoodBps,
            @DefaultValue("20") double spreadBadBps,
            @DefaultValue("1") double depthBandPct,
            @DefaultValue("1000000") double depthTarget) {
    }
}
