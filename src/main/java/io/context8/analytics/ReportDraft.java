package io.context8.analytics;

import java.util.ArrayList;
import java.util.List;

import io.context8.book.BookSnapshot;
import io.context8.metrics.Vacuums;

/**
 * One report of a symbol in the making: the body of the route {@code build-market-report}, whose steps
 * ({@code io.context8.analytics.steps}) fill its {@link ReportData} section by section from the symbol's state and
 * the {@link BookSnapshot} taken by the first step. One per symbol, reused for each of its reports, so it also
 * holds the steps' scratch space: building a report allocates nothing but its JSON text and boxed optionals.
 * Used on the stream consumer's thread; the state does not change while the chain runs (the split of due reports
 * is sequential on that thread).
 */
public final class ReportDraft {

    private final SymbolAnalytics state;
    private final ReportData data;
    private final BookSnapshot snapshot = new BookSnapshot();
    private AnalyticsObserver observer = AnalyticsObserver.NONE;
    private IngestionHealth ingestionHealth;
    private long nowMs;
    private boolean ingestRunning;
    private String websocket = "unknown";
    private long startNanos;

    /** Scratch space of the steps (reused; a step must not keep a reference past its call). */
    public final Scratch scratch = new Scratch();

    /** Small preallocated arrays and lists that steps compute into. */
    public static final class Scratch {
        public final double[] a = new double[1];
        public final double[] b = new double[1];
        public final double[] pct = new double[1];
        public final double[] volumes = new double[2];
        public final double[] components = new double[6];
        public final boolean[] present = new boolean[6];
        public final List<Vacuums.Vacuum> vacuums = new ArrayList<>();
    }

    ReportDraft(SymbolAnalytics state, ReportData data) {
        this.state = state;
        this.data = data;
    }

    /** Starts the next report of the symbol: called by {@link SymbolAnalytics#begin} after the base fields. */
    void start(long nowMs, boolean ingestRunning, String websocket, IngestionHealth health, AnalyticsObserver observer) {
        this.nowMs = nowMs;
        this.ingestRunning = ingestRunning;
        this.websocket = websocket;
        this.ingestionHealth = health;
        this.observer = observer;
        this.startNanos = System.nanoTime();
        snapshot.reset();
    }

    /** The symbol (also for the route's {@code ${body.symbol}}). */
    public String getSymbol() {
        return data.symbol;
    }

    /** The symbol's analytics state (windows, detectors, live book); read-only use by the steps. */
    public SymbolAnalytics state() {
        return state;
    }

    /** The report being filled. */
    public ReportData data() {
        return data;
    }

    /** The book copy of this report (empty until the step snapshot-book took it). */
    public BookSnapshot snapshot() {
        return snapshot;
    }

    /** Local time the report is as of. */
    public long nowMs() {
        return nowMs;
    }

    /** Ingest's heartbeat was present at the newest status read. */
    public boolean ingestRunning() {
        return ingestRunning;
    }

    /** Ingest's websocket state from its heartbeat ({@code unknown} without one). */
    public String websocket() {
        return websocket;
    }

    /** Freshness and down limits of the ingestion section. */
    public IngestionHealth ingestionHealth() {
        return ingestionHealth;
    }

    /** A step of the chain took {@code nanos} ({@code context8_report_step_seconds{step}}). */
    public void stepTimed(String step, long nanos) {
        observer.reportStep(step, nanos);
    }

    /**
     * The report's JSON was written in {@code writeNanos}: tells the observer (the metric steps' time is the time
     * since {@link #start} before the write).
     */
    public void written(long writeNanos) {
        long metricsNanos = System.nanoTime() - startNanos - writeNanos;
        observer.reportBuilt(data.symbol, metricsNanos, writeNanos, data);
    }
}
