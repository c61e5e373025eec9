package io.context8.analytics.steps;

import io.context8.analytics.IngestionHealth;
import io.context8.analytics.MetricSettings;
import io.context8.analytics.ReportData;
import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;
import io.context8.book.BookSnapshot;
import io.context8.metrics.BookMetrics;
import io.context8.metrics.HealthScore;

/**
 * Step {@code score-health}: the health score and its components ({@link HealthScore}) from the sections the
 * earlier steps computed: spread and balance from measure-book, flow from measure-flow, anomalies from the detector
 * steps, freshness from assess-ingestion; depth from the snapshot within the health band. A component whose
 * section was not computed is left out, named in {@code health.lacking}, and the others' weights are re-scaled
 * ({@code health.weights}). Runs after them; O(levels within the health band).
 */
public final class ScoreHealthStep extends ReportStep {

    public ScoreHealthStep() {
        super("score-health");
    }

    @Override
    protected void compute(ReportDraft d) {
        ReportData r = d.data();
        MetricSettings.Health h = d.state().settings().metrics().health();
        BookSnapshot book = d.snapshot();
        ReportDraft.Scratch x = d.scratch;
        boolean top = r.isComputed(ReportSection.TOP_OF_BOOK);
        if (top && r.inSync && r.mid.isPresent()) {
            r.healthSpread = HealthScore.spread(r.spreadBps.getAsDouble(), h.spreadGoodBps(), h.spreadBadBps());
        }
        double mid = book.taken() && r.inSync ? BookMetrics.mid(book).orElse(Double.NaN) : Double.NaN;
        if (mid > 0) {
            x.pct[0] = h.depthBandPct();
            book.depthWithin(true, x.pct, x.a, x.b);
            double bid = x.b[0];
            book.depthWithin(false, x.pct, x.a, x.b);
            r.healthDepth = HealthScore.depth(bid, x.b[0], h.depthTarget());
        }
        if (top) {
            r.healthBalance = HealthScore.balance(r.imbalance.orElse(Double.NaN));
        }
        boolean flow = r.isComputed(ReportSection.FLOW);
        if (flow && !Double.isNaN(r.flowBuyQty)) {
            r.healthFlow = HealthScore.flow(r.flowBuyQty, r.flowSellQty);
        }
        boolean anomalies = r.anomaliesComputed();
        if (anomalies) {
            r.healthAnomalies = HealthScore.anomalies(r.anomalies);
        }
        boolean ingestion = r.isComputed(ReportSection.INGESTION);
        IngestionHealth ih = d.ingestionHealth();
        if (ingestion) {
            long age = r.dataAgeMs.isPresent() ? r.dataAgeMs.getAsLong() : -1;
            r.healthFreshness = HealthScore.freshness(age, ih.freshMaxMs(), ih.downAfterMs());
        }
        double[] c = x.components;
        boolean[] present = x.present;
        c[0] = r.healthSpread;
        c[1] = r.healthDepth;
        c[2] = r.healthBalance;
        c[3] = r.healthFlow;
        c[4] = r.healthAnomalies;
        c[5] = r.healthFreshness;
        present[0] = top;
        present[1] = book.taken();
        present[2] = top;
        present[3] = flow;
        present[4] = anomalies;
        present[5] = ingestion;
        r.healthLacking.clear();
        for (int i = 0; i < present.length; i++) {
            if (!present[i]) {
                r.healthLacking.add(HealthScore.COMPONENTS.get(i));
            }
        }
        double score = HealthScore.score(c, present, r.healthWeights);
        boolean noData = d.state().lastIngestMs() < 0;
        boolean down = ingestion && "down".equals(r.ingestionStatus);
        r.healthScore = HealthScore.overall(score, noData, down);
        r.healthReason = noData ? HealthScore.NO_DATA_REASON : down && score > HealthScore.DOWN_CAP
                ? HealthScore.DOWN_REASON : null;
        r.computed(ReportSection.HEALTH);
    }
}
