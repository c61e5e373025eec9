package io.context8.mcp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.context8.mcp.ReportReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts report-store lookups of the serving side: {@code context8_mcp_cache_hits_total{symbol}} when a
 * published report was found at {@code report:{symbol}} (the store analytics keeps as a cache of computed
 * reports), {@code context8_mcp_cache_misses_total{symbol}} when none was. Failed reads count as neither (they
 * are {@code backend_unavailable}). Counters are registered once per configured symbol plus {@code other} for
 * any other symbol, so a client cannot grow the label set.
 */
public final class MeteredReportReader implements ReportReader {

    static final String OTHER = "other";

    private final ReportReader delegate;
    private final Map<String, Counter> hits = new HashMap<>();
    private final Map<String, Counter> misses = new HashMap<>();

    public MeteredReportReader(ReportReader delegate, MeterRegistry meters, List<String> symbols) {
        this.delegate = delegate;
        for (String s : symbols) {
            register(meters, s);
        }
        register(meters, OTHER);
    }

    private void register(MeterRegistry meters, String symbol) {
        hits.put(symbol, Counter.builder("context8.mcp.cache.hits")
                .description("Report lookups that found a published report").tag("symbol", symbol).register(meters));
        misses.put(symbol, Counter.builder("context8.mcp.cache.misses")
                .description("Report lookups that found no published report").tag("symbol", symbol).register(meters));
    }

    @Override
    public Optional<String> read(String symbol) {
        Optional<String> report = delegate.read(symbol);
        boolean hit = report != null && report.isPresent() && !report.get().isBlank();
        Map<String, Counter> counters = hit ? hits : misses;
        Counter c = counters.get(symbol);
        (c != null ? c : counters.get(OTHER)).increment();
        return report;
    }
}
