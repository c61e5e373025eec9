package io.context8.analytics.steps;

import io.context8.analytics.MetricSettings;
import io.context8.analytics.ReportData;
import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;
import io.context8.analytics.SymbolAnalytics;
import io.context8.book.BookSnapshot;
import io.context8.metrics.Anomaly;
import io.context8.metrics.BookMetrics;
import io.context8.metrics.TradeWindow;
import io.context8.metrics.Vacuums;

/**
 * Step {@code assess-flash-crash-risk}: the flash-crash-risk finding from the spread against its baseline, the bid
 * depth near mid against its baseline, a vacuum near mid on the bid side and the sell share and acceleration of the
 * last two trade slices ({@link io.context8.metrics.FlashCrashRisk}, whose baselines are fed once per second of
 * event time while this step is in the route). Nothing while the book is not in sync or has no mid.
 */
public final class AssessFlashCrashRiskStep extends BookStep {

    public AssessFlashCrashRiskStep() {
        super("assess-flash-crash-risk", ReportSection.FLASH_CRASH_RISK);
    }

    @Override
    protected void measure(ReportDraft d, BookSnapshot book, ReportData r) {
        SymbolAnalytics s = d.state();
        long now = s.lastEventMs();
        double mid = BookMetrics.mid(book).orElse(Double.NaN);
        if (now < 0 || !(mid > 0)) {
            return;
        }
        MetricSettings m = s.settings().metrics();
        MetricSettings.FlashCrash fc = m.flashCrash();
        ReportDraft.Scratch x = d.scratch;
        x.pct[0] = fc.nearBandPct();
        book.depthWithin(true, x.pct, x.a, x.b);
        double nearBid = x.b[0];
        x.vacuums.clear();
        long p10 = s.levelQtys().quantile(0.10);
        MetricSettings.Vacuums v = m.vacuums();
        if (p10 != Long.MIN_VALUE) {
            Vacuums.find(book, true, p10, mid, fc.nearBandPct() * 100, fc.vacuumWidthBps(), v.mediumBps(), v.highBps(),
                    1, x.vacuums);
        }
        double buy = 0;
        double sell = 0;
        double prevBuy = 0;
        double prevSell = 0;
        TradeWindow trades = s.trades();
        double[] slice = x.volumes;
        if (trades.volumes(0, fc.sliceMs(), slice)) {
            buy = slice[0];
            sell = slice[1];
            trades.volumes(fc.sliceMs(), fc.sliceMs(), slice);
            prevBuy = slice[0];
            prevSell = slice[1];
        }
        Anomaly a = s.flashCrash().evaluate(now, BookMetrics.spreadBps(book).orElse(Double.NaN), nearBid,
                !x.vacuums.isEmpty(), buy, sell, prevBuy, prevSell);
        if (a != null) {
            r.anomalies.add(a);
        }
    }
}
