package io.context8.analytics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Everything one report of a symbol says, filled by {@link SymbolAnalytics} and written by
 * {@link ReportWriter}. Empty optionals are written as JSON null ("no value"), never as 0.
 * One instance per symbol, reused: not thread-safe.
 */
public final class ReportData {

    public String symbol;
    public String venue;
    public long generatedAtMs;
    public OptionalLong lastEventMs = OptionalLong.empty();
    public OptionalLong lastIngestMs = OptionalLong.empty();
    public OptionalDouble lastPrice = OptionalDouble.empty();

    /** 24 h ticker; null until one arrived. */
    public Ticker ticker;

    public String bookState = "awaiting_snapshot";
    public boolean inSync;
    public OptionalLong updateId = OptionalLong.empty();
    public boolean crossed;
    public OptionalDouble bestBidPrice = OptionalDouble.empty();
    public OptionalDouble bestBidQty = OptionalDouble.empty();
    public OptionalDouble bestAskPrice = OptionalDouble.empty();
    public OptionalDouble bestAskQty = OptionalDouble.empty();
    public int bidLevels;
    public int askLevels;

    public OptionalDouble spreadBps = OptionalDouble.empty();
    public OptionalDouble mid = OptionalDouble.empty();
    public OptionalDouble microPrice = OptionalDouble.empty();
    public OptionalDouble imbalance = OptionalDouble.empty();

    public int depthLevels;
    /** Top levels, [price, qty] interleaved: price at 2i, qty at 2i+1; {@code bidCount} pairs valid. */
    public double[] depthBids = new double[0];
    public int bidCount;
    public double[] depthAsks = new double[0];
    public int askCount;
    public OptionalDouble bidQty = OptionalDouble.empty();
    public OptionalDouble askQty = OptionalDouble.empty();
    public OptionalDouble bidNotional = OptionalDouble.empty();
    public OptionalDouble askNotional = OptionalDouble.empty();

    public OptionalDouble ordersPerSec = OptionalDouble.empty();
    public double ordersWindowS;
    public OptionalDouble netFlow = OptionalDouble.empty();
    public double netFlowWindowS;

    public OptionalLong dataAgeMs = OptionalLong.empty();
    public boolean fresh;
    public String ingestionStatus = "down";
    public String ingestionReason = "";
    public String websocket = "unknown";

    /** The 24 h rolling ticker as Binance reports it. */
    public record Ticker(double lastPrice, double priceChange, double priceChangePct, double weightedAvgPrice,
            double open, double high, double low, double volume, double quoteVolume, long tradeCount, long openTimeMs,
            long closeTimeMs, long eventTimeMs) {
    }
}
