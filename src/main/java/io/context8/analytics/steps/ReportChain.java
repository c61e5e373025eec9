package io.context8.analytics.steps;

import java.util.ArrayList;
import java.util.List;

import io.context8.analytics.DueReport;
import io.context8.analytics.ReportDraft;

/**
 * The built-in order of the report steps, as the route {@code build-market-report} calls them, for code that builds
 * reports without Camel (tests, benchmarks, tools). The route is what runs in the application; a test checks that
 * its bean steps are these, in this order. Stateless: one instance serves any number of threads.
 */
public final class ReportChain {

    /** The built-in chain. */
    public static final ReportChain BUILT_IN = new ReportChain();

    private final List<ReportStep> steps;
    private final WriteReportStep writer = new WriteReportStep();

    /** The built-in steps. */
    public ReportChain() {
        this(List.of(new SnapshotBookStep(), new MeasureBookStep(), new MeasureDepthBandsStep(),
                new FindWallsAndVacuumsStep(), new MeasureProfileStep(), new MeasureFlowStep(), new DetectSpoofingStep(),
                new DetectIcebergsStep(), new AssessFlashCrashRiskStep(), new AssessIngestionStep(),
                new ScoreHealthStep()));
    }

    /** These steps, in this order, then write-report. */
    public ReportChain(List<ReportStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /** This chain without the step of node id {@code stepId} (as when a user deletes it from the route). */
    public ReportChain without(String stepId) {
        List<ReportStep> kept = new ArrayList<>(steps);
        if (!kept.removeIf(s -> s.id().equals(stepId))) {
            throw new IllegalArgumentException("no step " + stepId + " in " + stepIds());
        }
        return new ReportChain(kept);
    }

    /** The metric steps in order (write-report comes after them). */
    public List<ReportStep> steps() {
        return steps;
    }

    /** Node ids of every step in order, ending with {@value WriteReportStep#ID}. */
    public List<String> stepIds() {
        List<String> ids = new ArrayList<>(steps.size() + 1);
        for (ReportStep s : steps) {
            ids.add(s.id());
        }
        ids.add(WriteReportStep.ID);
        return ids;
    }

    /** Runs every step on a draft and writes it. */
    public DueReport run(ReportDraft draft) {
        for (int i = 0; i < steps.size(); i++) {
            steps.get(i).apply(draft);
        }
        return new DueReport(draft.getSymbol(), writer.write(draft));
    }

    /** The reports of drafts (e.g. those {@code AnalyticsEngine.onBatch} returned), in order. */
    public static List<DueReport> reports(List<ReportDraft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        List<DueReport> out = new ArrayList<>(drafts.size());
        for (ReportDraft d : drafts) {
            out.add(BUILT_IN.run(d));
        }
        return out;
    }
}
