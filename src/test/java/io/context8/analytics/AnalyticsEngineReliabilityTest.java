package io.context8.analytics;

import static io.context8.analytics.Envelopes.diff;
import static io.context8.analytics.Envelopes.entry;
import static io.context8.analytics.Envelopes.snapshot;
import static io.context8.analytics.Envelopes.ticker;
import static io.context8.analytics.Envelopes.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.context8.analytics.steps.ReportChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.redis.DeadLetter;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.TestSettings;

/** What the stream consumer relies on: rejected entries handed back with a reason, and rebuild after a restart. */
class AnalyticsEngineReliabilityTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = 1_723_161_255_000L;
    private final AtomicLong now = new AtomicLong(T0 + 10_000);

    private AnalyticsEngine engine() {
        return new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(), MAPPER, now::get);
    }

    private static List<StreamEntry> history() {
        return List.of(
                snapshot("BTCUSDT", 10, "[[\"100.00\",\"1.0\"]]", "[[\"101.00\",\"1.0\"]]", T0),
                diff("BTCUSDT", 11, 12, "[[\"100.00\",\"3.0\"]]", "[[\"101.50\",\"1.0\"]]", T0 + 100),
                trade("BTCUSDT", 7, "100.5", "1.0", "buy", T0 + 200),
                diff("BTCUSDT", 13, 15, "[[\"99.50\",\"2.0\"]]", "[]", T0 + 300),
                trade("BTCUSDT", 8, "100.4", "0.5", "sell", T0 + 400),
                ticker("BTCUSDT", "100.4", T0 + 500));
    }

    @Test
    void rejectedEntriesAreHandedBackOnceWithKindAndReason() {
        AnalyticsEngine e = engine();
        StreamEntry noEvent = new StreamEntry("1-0", Map.of("type", "x"));
        StreamEntry notJson = entry("not json");
        StreamEntry unknown = entry(Envelopes.env("mystery", "BTCUSDT", T0, "{}"));
        StreamEntry badPrice = entry(Envelopes.env("trade_tick", "BTCUSDT", T0,
                "{\"trade_id\":1,\"price\":\"-5\",\"qty\":\"1\"}"));
        StreamEntry zeroPriceLevel = diff("BTCUSDT", 1, 2, "[[\"0\",\"1.0\"]]", "[]", T0);
        ReportChain.reports(e.onBatch(List.of(noEvent, notJson, unknown, badPrice, zeroPriceLevel, trade("BTCUSDT", 2, "1.0", "1.0", "buy", T0))));
        List<DeadLetter> rejected = e.drainRejected();
        assertThat(rejected).extracting(DeadLetter::entry).containsExactly(noEvent, notJson, unknown, badPrice, zeroPriceLevel);
        assertThat(rejected).extracting(DeadLetter::kind)
                .containsExactly("no_event_field", "not_json", "unknown_type", "bad_payload", "bad_payload");
        assertThat(rejected.get(4).reason()).contains(zeroPriceLevel.id()).contains("price 0");
        assertThat(e.drainRejected()).isEmpty();
        assertThat(e.symbol("BTCUSDT").sync().buffered()).as("the rejected diff was not buffered").isZero();
    }

    @Test
    void rebuildFromHistoryThenRedeliveryOfPendingEntriesGivesTheCleanRunsReport() {
        List<StreamEntry> all = new ArrayList<>(history());
        all.add(entry("garbage"));
        AnalyticsEngine clean = engine();
        String expected = ReportChain.reports(clean.onBatch(all)).get(0).json();
        assertThat(clean.drainRejected()).hasSize(1);

        // a restarted analytics: the whole retained history as rebuild, then the last three entries again as its
        // own pending ones (read by the dead process, never acknowledged), then nothing new
        AnalyticsEngine restarted = engine();
        assertThat(ReportChain.reports(restarted.onBatch(all, true))).as("no report while rebuilding").isEmpty();
        assertThat(restarted.drainRejected()).as("rejected when first delivered, not again").isEmpty();
        assertThat(restarted.invalid()).isZero();
        List<DueReport> due = ReportChain.reports(restarted.onBatch(all.subList(all.size() - 3, all.size()), false));
        assertThat(due.get(0).json()).isEqualTo(expected);
    }
}
