package io.context8.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.context8.analytics.steps.ReportChain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.redis.StreamEntry;
import io.context8.testsupport.TestSettings;

/**
 * Property: delivering every stream entry twice (at-least-once delivery) changes no metric. For generated
 * markets with walls placed and pulled, icebergs and one-sided selling, the reports assembled at the same
 * checkpoints are byte-for-byte equal whether each entry arrives once or twice (the copy right after the
 * original, or the whole batch replayed).
 */
class IdempotenceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = 1_723_161_255_000L;

    private static List<List<StreamEntry>> batches(long seed) {
        SyntheticMarket m = new SyntheticMarket("BTCUSDT", seed, T0).snapshot(60);
        m.diff("[[\"" + SyntheticMarket.px(m.mid - 1.0) + "\",\"30\"]]", "[]"); // a wall that stays
        List<List<StreamEntry>> batches = new ArrayList<>();
        for (int step = 0; step < 120; step++) {
            m.calm(300);
            if (step % 7 == 0) { // a large far order placed, then pulled
                m.diff("[[\"" + SyntheticMarket.px(m.mid - 1.5) + "\",\"40\"]]", "[]").advance(500);
                m.diff("[[\"" + SyntheticMarket.px(m.mid - 1.5) + "\",\"0\"]]", "[]");
            }
            if (step % 5 == 0) { // fills at one ask that stays level
                for (int i = 0; i < 4; i++) {
                    m.trade(m.mid + 0.005, 0.6, true).advance(50);
                }
            }
            if (step % 11 == 0) {
                m.trade(m.mid - 0.005, 3, false);
            }
            batches.add(new ArrayList<>(m.out));
            m.out.clear();
        }
        return batches;
    }

    private static List<String> run(List<List<StreamEntry>> batches, int mode) {
        AtomicLong now = new AtomicLong(T0);
        AnalyticsEngine engine = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, now::get);
        engine.onIngestStatus("{\"websocket\":\"receiving\"}");
        List<String> reports = new ArrayList<>();
        for (List<StreamEntry> batch : batches) {
            now.addAndGet(400);
            List<StreamEntry> delivered = new ArrayList<>();
            for (StreamEntry e : batch) {
                delivered.add(e);
                if (mode == 1) {
                    delivered.add(e);
                }
            }
            if (mode == 2) {
                delivered.addAll(batch);
            }
            ReportChain.reports(engine.onBatch(delivered)).forEach(r -> reports.add(r.json()));
        }
        return reports;
    }

    @ParameterizedTest(name = "seed {0}: every entry twice gives the same reports")
    @ValueSource(longs = {1, 7, 42})
    void everyEventTwice(long seed) {
        List<List<StreamEntry>> batches = batches(seed);
        List<String> once = run(batches, 0);
        assertThat(once).hasSizeGreaterThan(100);
        assertThat(String.join("\n", once)).as("the scenario exercises the detectors")
                .contains("\"walls\":[{").contains("\"type\":\"iceberg\"").contains("\"type\":\"spoofing\"");
        assertThat(run(batches, 1)).as("each copy right after its original").isEqualTo(once);
        assertThat(run(batches, 2)).as("the batch delivered again").isEqualTo(once);
    }

    @ParameterizedTest(name = "seed {0}: batch boundaries and report cadence do not change the final report")
    @ValueSource(longs = {3, 42})
    void independentOfBatchingAndCadence(long seed) {
        List<List<StreamEntry>> batches = batches(seed);
        List<StreamEntry> all = new ArrayList<>();
        batches.forEach(all::addAll);
        AtomicLong now = new AtomicLong(T0);
        AnalyticsEngine oneBatch = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, now::get);
        oneBatch.onIngestStatus("{\"websocket\":\"receiving\"}");
        ReportChain.reports(oneBatch.onBatch(List.of()));
        ReportChain.reports(oneBatch.onBatch(all));
        List<String> perStep = run(batches, 0);
        now.set(T0 + 400L * batches.size()); // the clock of the per-step run's last report
        List<DueReport> last = ReportChain.reports(oneBatch.onBatch(List.of()));
        assertThat(last).hasSize(1);
        assertThat(last.get(0).json()).isEqualTo(perStep.get(perStep.size() - 1));
    }
}
