package io.context8.analytics.steps;

import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportWriter;

/**
 * Step {@code write-report}: writes the draft as the report JSON ({@link ReportWriter}); the route's body becomes
 * that text, which the following steps may transform and {@code publish-market-report} validates and stores.
 * Sections whose step did not run are written as null and named in {@code not_computed}. Not timed as a metric
 * step: its time is {@code context8_report_serialize_seconds}.
 */
public final class WriteReportStep {

    /** One writer per thread: the writer reuses a number buffer. */
    private final ThreadLocal<ReportWriter> writers = ThreadLocal.withInitial(ReportWriter::new);

    /** The node id of the step in the built-in route. */
    public static final String ID = "write-report";

    /** The report JSON of a draft. */
    public String write(ReportDraft draft) {
        long t0 = System.nanoTime();
        String json = writers.get().write(draft.data());
        draft.written(System.nanoTime() - t0);
        return json;
    }
}
