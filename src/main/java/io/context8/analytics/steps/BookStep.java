package io.context8.analytics.steps;

import io.context8.analytics.ReportData;
import io.context8.analytics.ReportDraft;
import io.context8.analytics.ReportSection;
import io.context8.book.BookSnapshot;

/**
 * A step that reads the book snapshot: without {@code snapshot-book} before it, it computes nothing (its section is
 * in {@code not_computed}); over a book that is not in sync its section is computed as empty (null values: an
 * out-of-sync book is not reported as if it were the market).
 */
abstract class BookStep extends ReportStep {

    private final ReportSection section;

    BookStep(String id, ReportSection section) {
        super(id);
        this.section = section;
    }

    @Override
    protected final void compute(ReportDraft d) {
        BookSnapshot book = d.snapshot();
        if (!book.taken()) {
            return;
        }
        ReportData r = d.data();
        r.computed(section);
        if (r.inSync) {
            measure(d, book, r);
        }
    }

    /** Computes the section from a snapshot of a synced book. */
    protected abstract void measure(ReportDraft d, BookSnapshot book, ReportData r);
}
