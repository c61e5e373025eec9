package io.context8.analytics.steps;

import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;

/**
 * Step {@code detect-icebergs}: up to {@value #MAX} iceberg findings as of the symbol's newest event time
 * ({@link io.context8.metrics.IcebergDetector}, fed per event while this step is in the route).
 */
public final class DetectIcebergsStep extends ReportStep {

    /** Most iceberg findings in one report. */
    static final int MAX = 3;

    public DetectIcebergsStep() {
        super("detect-icebergs");
    }

    @Override
    protected void compute(ReportDraft d) {
        d.data().computed(ReportSection.ICEBERG);
        long now = d.state().lastEventMs();
        if (now >= 0) {
            d.state().icebergs().evaluate(now, MAX, d.data().anomalies);
        }
    }
}
