package io.context8.analytics;

/**
 * Analytics settings, from {@code context8.report.*}, {@code context8.ingestion.*} and {@code context8.windows.*},
 * bound once from {@code application.yaml} (where every default is written, once) by
 * {@code AnalyticsConfiguration.analyticsSettings}; tests bind the same file.
 *
 * @param reportIntervalMs  minimum interval between two reports of a symbol while events flow
 * @param heartbeatMs       maximum interval between two reports of a symbol
 * @param depthLevels       levels per side for depth, imbalance and the book excerpt
 * @param freshMaxMs        data age limit of {@code fresh}
 * @param downAfterMs       data age beyond which ingestion is down
 * @param ordersWindowMs    window of orders_per_sec (exchange time)
 * @param netFlowWindowMs   window of net_flow and order-flow imbalance (exchange time)
 * @param metrics           liquidity, anomaly and health settings ({@code context8.analytics.*})
 * @param maxEventTimeSkewMs an exchange time further than this from the symbol's recent median is rejected
 *                          ({@code context8.analytics.max-event-time-skew}; {@link EventClock})
 */
public record AnalyticsSettings(long reportIntervalMs, long heartbeatMs, int depthLevels, long freshMaxMs,
        long downAfterMs, long ordersWindowMs, long netFlowWindowMs, MetricSettings metrics,
        long maxEventTimeSkewMs) {
}
