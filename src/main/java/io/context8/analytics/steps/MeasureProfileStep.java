package io.context8.analytics.steps;

import io.context8.analytics.MetricSettings;
import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;

/**
 * Step {@code measure-profile}: the volume profile of the profile window (point of control, value area;
 * {@link io.context8.metrics.VolumeProfile}). O(bins).
 */
public final class MeasureProfileStep extends ReportStep {

    public MeasureProfileStep() {
        super("measure-profile");
    }

    @Override
    protected void compute(ReportDraft d) {
        MetricSettings.Profile p = d.state().settings().metrics().profile();
        d.state().profile().compute(p.minTrades(), p.valueArea(), d.data().profile);
        d.data().computed(ReportSection.PROFILE);
    }
}
