package io.context8.analytics.steps;

import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;
import io.context8.metrics.Anomaly;

/**
 * Step {@code detect-spoofing}: the spoofing finding as of the symbol's newest event time
 * ({@link io.context8.metrics.SpoofingDetector}, fed per event while this step is in the route). O(window).
 */
public final class DetectSpoofingStep extends ReportStep {

    public DetectSpoofingStep() {
        super("detect-spoofing");
    }

    @Override
    protected void compute(ReportDraft d) {
        d.data().computed(ReportSection.SPOOFING);
        long now = d.state().lastEventMs();
        if (now < 0) {
            return;
        }
        Anomaly a = d.state().spoofing().evaluate(now);
        if (a != null) {
            d.data().anomalies.add(a);
        }
    }
}
