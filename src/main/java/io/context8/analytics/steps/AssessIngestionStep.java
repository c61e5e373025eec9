package io.context8.analytics.steps;

import java.util.OptionalLong;

import io.context8.analytics.IngestionHealth;
import io.context8.analytics.ReportData;
import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;

/**
 * Step {@code assess-ingestion}: the data age (local time since the newest event was ingested), {@code fresh},
 * and the ingestion status and reason from ingest's heartbeat, the age and the book state
 * ({@link IngestionHealth}). O(1).
 */
public final class AssessIngestionStep extends ReportStep {

    public AssessIngestionStep() {
        super("assess-ingestion");
    }

    @Override
    protected void compute(ReportDraft d) {
        ReportData r = d.data();
        IngestionHealth health = d.ingestionHealth();
        long lastIngest = d.state().lastIngestMs();
        long age = lastIngest < 0 ? -1 : Math.max(0, d.nowMs() - lastIngest);
        r.dataAgeMs = age < 0 ? OptionalLong.empty() : OptionalLong.of(age);
        r.fresh = health.fresh(age);
        IngestionHealth.Status status = health.evaluate(d.ingestRunning(), age, r.inSync, r.bookState);
        r.ingestionStatus = status.status();
        r.ingestionReason = status.reason();
        r.websocket = d.ingestRunning() ? d.websocket() : "unknown";
        r.computed(ReportSection.INGESTION);
    }
}
