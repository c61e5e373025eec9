package io.context8.analytics.steps;

import io.context8.analytics.ReportData;
import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;
import io.context8.book.BookSnapshot;
import io.context8.book.Decimals;
import io.context8.metrics.BookMetrics;

/**
 * Step {@code measure-book}: spread, mid, micro-price, imbalance and the top {@code depth.levels} levels with their
 * sums ({@link BookMetrics} over the snapshot). Null while the book is not in sync. O(depth levels).
 */
public final class MeasureBookStep extends BookStep {

    public MeasureBookStep() {
        super("measure-book", ReportSection.TOP_OF_BOOK);
    }

    @Override
    protected void measure(ReportDraft d, BookSnapshot book, ReportData r) {
        int n = d.state().settings().depthLevels();
        r.spreadBps = BookMetrics.spreadBps(book);
        r.mid = BookMetrics.mid(book);
        r.microPrice = BookMetrics.weightedMid(book);
        r.imbalance = BookMetrics.imbalance(book, n);
        r.bidQty = BookMetrics.depthQty(book, true, n);
        r.askQty = BookMetrics.depthQty(book, false, n);
        r.bidNotional = BookMetrics.depthNotional(book, true, n);
        r.askNotional = BookMetrics.depthNotional(book, false, n);
        r.bidCount = excerpt(book, true, n, r.depthBids);
        r.askCount = excerpt(book, false, n, r.depthAsks);
    }

    private static int excerpt(BookSnapshot book, boolean bid, int n, double[] out) {
        int count = Math.min(n, book.levels(bid));
        for (int i = 0; i < count; i++) {
            out[2 * i] = Decimals.toDouble(book.priceAt(bid, i));
            out[2 * i + 1] = Decimals.toDouble(book.qtyAt(bid, i));
        }
        return count;
    }
}
