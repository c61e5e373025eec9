package io.context8.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.ingest.FeedSource;
import io.context8.redis.DeadLetter;
import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;

/**
 * The analytics role's state: one {@link SymbolAnalytics} per configured symbol, fed by batches of stream
 * entries, and the report cadence (at most one report per symbol per {@code intervalMs} while events flow, and
 * at least one per {@code heartbeatMs} so freshness and ingestion status move on when they stop). Batches are
 * applied on the stream consumer's single thread; the ingest status arrives from a timer thread (volatile).
 */
public final class AnalyticsEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsEngine.class);

    /** What the ingest heartbeat said, and when it was read. */
    record IngestView(boolean present, String websocket) {
        static final IngestView ABSENT = new IngestView(false, "unknown");
    }

    private final Map<String, SymbolAnalytics> symbols = new LinkedHashMap<>();
    private final ObjectMapper mapper;
    private final IngestionHealth health;
    private final long intervalMs;
    private final long heartbeatMs;
    private final LongSupplier clock;
    private volatile IngestView ingest = IngestView.ABSENT;
    /** The data source of the newest heartbeat that named one (kept while the heartbeat is missing). */
    private volatile FeedSource source = FeedSource.UNKNOWN;
    private final AnalyticsObserver observer;
    /** Per symbol (in {@code symbols} order): newest ts_ingest before the current batch, for the observer. */
    private final long[] ingestBefore;
    private long applied;
    private long invalid;
    private long otherSymbols;
    private long timeRejected;
    private boolean rebuilding;
    private List<DeadLetter> rejected = new ArrayList<>();
    private List<ResyncRequest> resyncRequests = new ArrayList<>();
    /** Local time of the first batch (the start of this engine's reading), -1 before it. */
    private long firstBatchMs = -1;
    /** Per symbol (in {@code symbols} order): logged as having no data. */
    private final boolean[] noDataLogged;
    /** Every symbol has data or was logged: nothing left to check. */
    private boolean noDataChecked;

    /**
     * A symbol still without any event this long after the first batch, while another symbol has data, is logged
     * once as a warning (its reports say {@link IngestionHealth#NO_DATA_REASON} all along).
     */
    static final long NO_DATA_WARN_AFTER_MS = 30_000;

    public AnalyticsEngine(List<String> symbols, String venue, AnalyticsSettings settings, ObjectMapper mapper,
            LongSupplier clock) {
        this(symbols, venue, settings, mapper, clock, AnalyticsObserver.NONE);
    }

    public AnalyticsEngine(List<String> symbols, String venue, AnalyticsSettings settings, ObjectMapper mapper,
            LongSupplier clock, AnalyticsObserver observer) {
        this(symbols, venue, settings, BookCheckSettings.defaults(), mapper, clock, observer);
    }

    public AnalyticsEngine(List<String> symbols, String venue, AnalyticsSettings settings, BookCheckSettings bookCheck,
            ObjectMapper mapper, LongSupplier clock, AnalyticsObserver observer) {
        this.observer = observer;
        this.mapper = mapper;
        this.clock = clock;
        this.intervalMs = settings.reportIntervalMs();
        this.heartbeatMs = settings.heartbeatMs();
        this.health = new IngestionHealth(settings.freshMaxMs(), settings.downAfterMs());
        for (String s : symbols) {
            this.symbols.put(s, new SymbolAnalytics(s, venue, settings, bookCheck));
        }
        this.ingestBefore = new long[this.symbols.size()];
        this.noDataLogged = new boolean[this.symbols.size()];
    }

    /**
     * Applies a batch (possibly empty: an idle poll) and returns the reports that are due now, as drafts for the
     * route {@code build-market-report} (split one by one, in order, on this thread).
     */
    public List<ReportDraft> onBatch(List<StreamEntry> entries) {
        return onBatch(entries, false);
    }

    /**
     * Applies a batch; with {@code rebuild} true the entries re-read history after a restart (state rebuild):
     * they are applied (idempotently) but rejections are neither counted nor collected again, and no report is
     * due until the rebuild is over.
     */
    public List<ReportDraft> onBatch(List<StreamEntry> entries, boolean rebuild) {
        rebuilding = rebuild;
        int k = 0;
        for (SymbolAnalytics s : symbols.values()) {
            ingestBefore[k++] = s.lastIngestMs();
        }
        for (int i = 0; i < entries.size(); i++) {
            apply(entries.get(i));
        }
        long now = clock.getAsLong();
        k = 0;
        for (SymbolAnalytics s : symbols.values()) {
            long after = s.lastIngestMs();
            observer.batchApplied(s.symbolName(), after != ingestBefore[k++] ? after : -1, now);
        }
        warnSymbolsWithoutData(now);
        if (rebuild) {
            return List.of();
        }
        for (SymbolAnalytics s : symbols.values()) {
            ResyncRequest q = s.resyncDue(now);
            if (q != null && resyncRequests.size() < 1_000) {
                resyncRequests.add(q);
            }
        }
        return due(now);
    }

    /**
     * The resync requests since the last call (route {@code request-book-resync} sends them to ingest): symbols
     * whose book is suspect, or out of sync while diffs flow for longer than the resync interval; at most one per
     * symbol per interval, none while rebuilding.
     */
    public List<ResyncRequest> drainResyncRequests() {
        if (resyncRequests.isEmpty()) {
            return List.of();
        }
        List<ResyncRequest> out = resyncRequests;
        resyncRequests = new ArrayList<>();
        return out;
    }

    /** The entries rejected since the last call (for the dead-letter stream), oldest first. */
    public List<DeadLetter> drainRejected() {
        if (rejected.isEmpty()) {
            return List.of();
        }
        List<DeadLetter> out = rejected;
        rejected = new ArrayList<>();
        return out;
    }

    /** Takes the ingest status document (JSON text; blank when the key is missing). */
    public void onIngestStatus(String body) {
        if (body == null || body.isBlank()) {
            ingest = IngestView.ABSENT;
            return;
        }
        try {
            JsonNode n = mapper.readTree(body);
            ingest = new IngestView(true, n.path("websocket").asText("unknown"));
            FeedSource s = FeedSource.fromJson(n.get("source"));
            if (s != FeedSource.UNKNOWN) {
                source = s;
            }
        } catch (JsonProcessingException e) {
            LOG.warn("Ingest status document is not JSON; treating ingest as absent");
            ingest = IngestView.ABSENT;
        }
    }

    /** The state of one symbol, or null when it is not configured. */
    public SymbolAnalytics symbol(String symbol) {
        return symbols.get(symbol);
    }

    public Map<String, SymbolAnalytics> symbols() {
        return Collections.unmodifiableMap(symbols);
    }

    public long applied() {
        return applied;
    }

    public long invalid() {
        return invalid;
    }

    public long otherSymbols() {
        return otherSymbols;
    }

    /** Entries whose exchange time was rejected as too far from their symbol's recent median. */
    public long timeRejected() {
        return timeRejected;
    }

    private void apply(StreamEntry entry) {
        String json = entry.field(RedisStreamConstants.FIELD_EVENT);
        if (json == null) {
            invalid(entry, "no_event_field", "entry " + entry.id() + " has no event field");
            return;
        }
        JsonNode env;
        try {
            env = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            invalid(entry, "not_json", "entry " + entry.id() + " is not JSON");
            return;
        }
        SymbolAnalytics s = symbols.get(env.path("symbol").asText(""));
        if (s == null) {
            otherSymbols++;
            return;
        }
        try {
            long rejectedBefore = s.eventTimesRejected();
            if (s.apply(env)) {
                applied++;
                if (s.eventTimesRejected() != rejectedBefore) {
                    timeRejected(entry, env);
                }
            } else {
                invalid(entry, "unknown_type", "entry " + entry.id() + " has an unknown type or payload");
            }
        } catch (RuntimeException e) {
            invalid(entry, "bad_payload", "entry " + entry.id() + " could not be applied: " + e);
        }
    }

    /** Logs, once per symbol, a symbol without any event {@link #NO_DATA_WARN_AFTER_MS} after the start. */
    private void warnSymbolsWithoutData(long now) {
        if (firstBatchMs < 0) {
            firstBatchMs = now;
        }
        if (noDataChecked || now - firstBatchMs < NO_DATA_WARN_AFTER_MS) {
            return;
        }
        String withData = null;
        for (SymbolAnalytics s : symbols.values()) {
            if (s.lastIngestMs() >= 0) {
                withData = s.symbolName();
                break;
            }
        }
        if (withData == null) {
            return; // no symbol has data: the feed itself is down, which every report's ingestion section says
        }
        int k = 0;
        for (SymbolAnalytics s : symbols.values()) {
            if (s.lastIngestMs() < 0 && !noDataLogged[k]) {
                noDataLogged[k] = true;
                LOG.warn("No data for {} {} s after start while {} has data: the feed has nothing for it (a recording"
                        + " without it, or a symbol the exchange does not list); its reports say '{}'",
                        s.symbolName(), (now - firstBatchMs) / 1000, withData, IngestionHealth.NO_DATA_REASON);
            }
            k++;
        }
        noDataChecked = true; // every symbol now has data or was logged
    }

    private void invalid(StreamEntry entry, String kind, String why) {
        if (rebuilding) {
            return; // counted and dead-lettered when it was first delivered
        }
        if (rejected.size() < 10_000) { // drained after every batch by the route; bounded if a caller never drains
            rejected.add(new DeadLetter(entry, kind, why));
        }
        invalid++;
        if (invalid == 1 || invalid % 1000 == 0) {
            LOG.warn("Skipped stream entry #{}: {}", invalid, why);
        }
    }

    /** An applied entry whose exchange time was not trusted: counted and copied to the dead-letter stream. */
    private void timeRejected(StreamEntry entry, JsonNode env) {
        if (rebuilding) {
            return;
        }
        timeRejected++;
        String why = "entry " + entry.id() + ": ts_event " + env.path("ts_event").asLong()
                + " is too far from the symbol's recent exchange times; applied at the event clock instead";
        if (rejected.size() < 10_000) {
            rejected.add(new DeadLetter(entry, "event_time_out_of_range", why));
        }
        if (timeRejected == 1 || timeRejected % 1000 == 0) {
            LOG.warn("Event time rejected #{}: {}", timeRejected, why);
        }
    }

    /** The drafts of the reports due now, each started ({@link SymbolAnalytics#begin}) and counted as published. */
    private List<ReportDraft> due(long now) {
        List<ReportDraft> out = null;
        IngestView view = ingest;
        for (SymbolAnalytics s : symbols.values()) {
            long since = now - s.lastPublishedMs();
            if ((s.changed() && since >= intervalMs) || since >= heartbeatMs) {
                if (out == null) {
                    out = new ArrayList<>(symbols.size());
                }
                out.add(s.begin(now, view.present(), view.websocket(), health, source, observer));
                s.published(now);
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * Which detectors every symbol feeds per event (those whose step is in {@code build-market-report}; all until
     * told otherwise).
     */
    public void detectors(boolean spoofing, boolean icebergs, boolean flashCrash) {
        for (SymbolAnalytics s : symbols.values()) {
            s.detectors(spoofing, icebergs, flashCrash);
        }
    }
}
