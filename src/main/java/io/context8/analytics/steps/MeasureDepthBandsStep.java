package io.context8.analytics.steps;

import io.context8.analytics.ReportData;
import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;
import io.context8.analytics.SymbolAnalytics;
import io.context8.book.BookSnapshot;
import io.context8.metrics.BookMetrics;
import io.context8.metrics.DepthBands;

/**
 * Step {@code measure-depth-bands}: cumulative depth within each band of mid, whether a band reaches past the
 * snapshot's coverage, and the slippage of market orders of the configured sizes ({@link DepthBands}). Null while
 * the book is not in sync or has no mid. O(levels within the widest band + levels an order consumes).
 */
public final class MeasureDepthBandsStep extends BookStep {

    public MeasureDepthBandsStep() {
        super("measure-depth-bands", ReportSection.BANDS);
    }

    @Override
    protected void measure(ReportDraft d, BookSnapshot book, ReportData r) {
        double mid = BookMetrics.mid(book).orElse(Double.NaN);
        r.bandsAvailable = mid > 0;
        if (!r.bandsAvailable) {
            return;
        }
        SymbolAnalytics s = d.state();
        book.depthWithin(true, r.bandPct, r.bandBidQty, r.bandBidNotional); // = DepthBands.cumulative, kept by the copy
        book.depthWithin(false, r.bandPct, r.bandAskQty, r.bandAskNotional);
        for (int i = 0; i < r.bandPct.length; i++) {
            r.bandPartial[i] = DepthBands.beyondCoverage(mid, r.bandPct[i], s.coverageBidLow(), s.bidComplete(),
                    s.coverageAskHigh(), s.askComplete());
        }
        for (int i = 0; i < r.slippageQuote.length; i++) {
            r.slippageBuyBps[i] = DepthBands.slippageBps(book, true, r.slippageQuote[i], mid).orElse(Double.NaN);
            r.slippageSellBps[i] = DepthBands.slippageBps(book, false, r.slippageQuote[i], mid).orElse(Double.NaN);
        }
    }
}
