package io.context8.analytics.steps;

import io.context8.analytics.ReportDraft;

/**
 * One step of the route {@code build-market-report}: fills one section of the report from the symbol's state and
 * the draft's book snapshot, or leaves it null (and so named in {@code not_computed}). A step is a bean the route
 * calls with the {@link ReportDraft} as body; it keeps no state of its own (scratch space is the draft's), so one
 * instance serves every symbol. Its time goes to {@code context8_report_step_seconds{step}}.
 */
public abstract class ReportStep {

    private final String id;

    protected ReportStep(String id) {
        this.id = id;
    }

    /** The step's node id in the built-in route (and its {@code step} tag). */
    public final String id() {
        return id;
    }

    /** Runs the step on a draft and times it. */
    public final void apply(ReportDraft draft) {
        long t0 = System.nanoTime();
        compute(draft);
        draft.stepTimed(id, System.nanoTime() - t0);
    }

    /** Computes the step's section into {@code draft.data()}. */
    protected abstract void compute(ReportDraft draft);
}
