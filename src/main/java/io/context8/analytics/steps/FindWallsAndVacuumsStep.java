package io.context8.analytics.steps;

import io.context8.analytics.MetricSettings;
import io.context8.analytics.ReportData;
import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;
import io.context8.analytics.SymbolAnalytics;
import io.context8.book.BookSnapshot;
import io.context8.book.Decimals;
import io.context8.metrics.BookMetrics;
import io.context8.metrics.Vacuums;
import io.context8.metrics.Walls;

import java.util.OptionalDouble;

/**
 * Step {@code find-walls-and-vacuums}: the rolling P95 / P10 of level quantities, the wall threshold, and the walls
 * and vacuums within their distance of mid ({@link Walls}, {@link Vacuums}). Null while the book is not in sync.
 * O(levels within the distance limit).
 */
public final class FindWallsAndVacuumsStep extends BookStep {

    public FindWallsAndVacuumsStep() {
        super("find-walls-and-vacuums", ReportSection.WALLS_VACUUMS);
    }

    @Override
    protected void measure(ReportDraft d, BookSnapshot book, ReportData r) {
        SymbolAnalytics s = d.state();
        MetricSettings m = s.settings().metrics();
        long p95 = s.levelQtys().quantile(0.95);
        long p10 = s.levelQtys().quantile(0.10);
        long threshold = Walls.threshold(p95, m.walls().factor(), s.qtyMin());
        r.levelQtyP95 = SymbolAnalytics.opt(p95);
        r.levelQtyP10 = SymbolAnalytics.opt(p10);
        r.wallThreshold = threshold > 0 ? OptionalDouble.of(Decimals.toDouble(threshold)) : OptionalDouble.empty();
        double mid = BookMetrics.mid(book).orElse(Double.NaN);
        MetricSettings.Walls w = m.walls();
        MetricSettings.Vacuums v = m.vacuums();
        for (int side = 0; side < 2; side++) {
            boolean bid = side == 0;
            Walls.find(book, bid, threshold, mid, w.maxDistanceBps(), w.max(), w.mediumRatio(), w.highRatio(),
                    r.walls);
            if (p10 != Long.MIN_VALUE) {
                Vacuums.find(book, bid, p10, mid, v.maxDistanceBps(), v.minWidthBps(), v.mediumBps(), v.highBps(),
                        v.max(), r.vacuums);
            }
        }
    }
}
