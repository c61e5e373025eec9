package io.context8.analytics.steps;

import io.context8.analytics.MetricSettings;
import io.context8.analytics.ReportDraft;
import io.context8.analytics.SymbolAnalytics;

/**
 * Step {@code snapshot-book}: copies the levels of the live book that the later steps read into the draft's
 * {@link io.context8.book.BookSnapshot}: every level within the widest distance any step looks at (walls, vacuums,
 * the widest depth band, the flash-crash and health bands, plus a margin of {@value #MARGIN_BPS} bp), at least the
 * depth excerpt's levels, and as deep as the largest slippage order reaches. A book that is not in sync is copied
 * as empty. Without this step the book steps compute nothing.
 */
public final class SnapshotBookStep extends ReportStep {

    /** Extra distance copied beyond the widest step's, so that a step's own boundary test decides. */
    static final double MARGIN_BPS = 1;

    public SnapshotBookStep() {
        super("snapshot-book");
    }

    @Override
    protected void compute(ReportDraft d) {
        SymbolAnalytics s = d.state();
        if (!d.data().inSync) {
            d.snapshot().clearTaken();
            return;
        }
        MetricSettings m = s.settings().metrics();
        double[] pct = m.bands().pct();
        double[] sizes = m.bands().slippageQuote();
        double widest = Math.max(Math.max(m.walls().maxDistanceBps(), m.vacuums().maxDistanceBps()),
                100 * Math.max(Math.max(pct.length == 0 ? 0 : pct[pct.length - 1], m.flashCrash().nearBandPct()),
                        m.health().depthBandPct()));
        double reach = 0;
        for (double q : sizes) {
            reach = Math.max(reach, q);
        }
        d.snapshot().take(s.book(), s.settings().depthLevels(), widest + MARGIN_BPS, reach);
    }
}
