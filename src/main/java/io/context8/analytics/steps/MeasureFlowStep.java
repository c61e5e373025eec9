package io.context8.analytics.steps;

import java.util.OptionalDouble;

import io.context8.analytics.AnalyticsSettings;
import io.context8.analytics.ReportData;
import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;
import io.context8.analytics.SymbolAnalytics;
import io.context8.metrics.TradeWindow;

/**
 * Step {@code measure-flow}: trades, book updates and orders per second over the orders window, net flow and
 * order-flow imbalance over the net-flow window, and the aggressive buy / sell quantity that health's flow
 * component scores. O(1) amortized (the windows keep running sums).
 */
public final class MeasureFlowStep extends ReportStep {

    public MeasureFlowStep() {
        super("measure-flow");
    }

    @Override
    protected void compute(ReportDraft d) {
        SymbolAnalytics s = d.state();
        AnalyticsSettings st = s.settings();
        ReportData r = d.data();
        TradeWindow trades = s.trades();
        r.tradesPerSec = trades.ratePerSec(st.ordersWindowMs());
        r.bookUpdatesPerSec = s.bookUpdates().ratePerSec();
        double windowS = st.ordersWindowMs() / 1000.0; // events counted, then divided once (no float noise)
        r.ordersPerSec = r.tradesPerSec.isEmpty() && r.bookUpdatesPerSec.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of((Math.round(r.tradesPerSec.orElse(0) * windowS)
                        + Math.round(r.bookUpdatesPerSec.orElse(0) * windowS)) / windowS);
        r.netFlow = trades.netFlow(st.netFlowWindowMs());
        r.ofi = s.ofi().value();
        r.ofiEvents = s.ofi().count();
        double[] v = d.scratch.volumes;
        if (trades.volumes(0, st.netFlowWindowMs(), v)) {
            r.flowBuyQty = v[0];
            r.flowSellQty = v[1];
        }
        r.computed(ReportSection.FLOW);
    }
}
