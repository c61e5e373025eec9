package io.context8.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.context8.analytics.steps.ReportChain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.NormalizedFrame;
import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;
import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.SharedData;
import io.context8.testsupport.TestSettings;

/**
 * The real BTCUSDT recordings (2024-08-08/09, 10.8 min) normalized and fed to the analytics engine as fast as
 * it goes, reports assembled on the recording's own clock every 100 ms: every report validates against the
 * schema, no number is NaN or infinite, and the anomalies that fire are counted by type and severity (the
 * figures are in docs/metrics.md). A detector that fires in most reports of this ordinary market is mis-tuned.
 * Skips without the recordings.
 */
class RealRecordingReportsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = RealRecordingReportsTest.class.getResourceAsStream("/schemas/market-report.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(MAPPER.readTree(in));
        }
    }

    /** Feeds both 2024 files and hands every due report to {@code onReport}. */
    static void replay(AnalyticsEngine engine, AtomicLong clock, java.util.function.Consumer<DueReport> onReport)
            throws IOException {
        BinanceNormalizer normalizer = new BinanceNormalizer(MAPPER, "binance");
        List<StreamEntry> batch = new ArrayList<>(256);
        long seq = 0;
        for (Path file : List.of(SharedData.recording2024a(), SharedData.recording2024b())) {
            try (RecordingFile.Reader reader = RecordingFile.open(file)) {
                while (reader.hasNext()) {
                    RecordedFrame f = reader.next();
                    long ms = f.localEpochNanos() / 1_000_000;
                    NormalizedFrame n = f.isDepthSnapshot() ? normalizer.snapshot(f.frame(), "BTCUSDT", ms)
                            : normalizer.normalize(f.frame(), ms);
                    if (n instanceof NormalizedFrame.Event e) {
                        batch.add(new StreamEntry(++seq + "-0", Map.of(RedisStreamConstants.FIELD_EVENT, e.json())));
                    }
                    if (batch.size() == 256) {
                        clock.set(ms);
                        ReportChain.reports(engine.onBatch(batch)).forEach(onReport);
                        batch.clear();
                    }
                    if (ms >= clock.get() + 100) { // reports on the recording's clock, as a live run would see them
                        clock.set(ms);
                        ReportChain.reports(engine.onBatch(batch)).forEach(onReport);
                        batch.clear();
                    }
                }
            }
        }
        ReportChain.reports(engine.onBatch(batch)).forEach(onReport);
    }

    @Test
    @DisplayName("real BTCUSDT replay: every report valid, finite, and anomaly counts by type and severity")
    void everyReportValidAndAnomaliesCounted() throws IOException {
        AtomicLong clock = new AtomicLong();
        AnalyticsEngine engine = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, clock::get);
        engine.onIngestStatus("{\"websocket\":\"receiving\"}");
        Map<String, Integer> byTypeSeverity = new TreeMap<>();
        Map<String, Integer> reportsWith = new TreeMap<>();
        int[] reports = {0, 0};
        replay(engine, clock, r -> {
            reports[0]++;
            assertThat(r.json()).doesNotContain("NaN").doesNotContain("Infinity");
            JsonNode n;
            try {
                n = MAPPER.readTree(r.json());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            Set<ValidationMessage> errors = schema.validate(n);
            assertThat(errors).as("report %d: %s", reports[0], r.json()).isEmpty();
            if (n.at("/book/in_sync").asBoolean()) {
                reports[1]++;
                assertThat(n.at("/liquidity/bands").isObject()).isTrue();
                assertThat(n.at("/health/score").asDouble()).isBetween(0.0, 100.0);
            }
            java.util.Set<String> types = new java.util.TreeSet<>();
            for (JsonNode a : n.get("anomalies")) {
                byTypeSeverity.merge(a.get("type").asText() + "/" + a.get("severity").asText(), 1, Integer::sum);
                types.add(a.get("type").asText());
            }
            types.forEach(t -> reportsWith.merge(t, 1, Integer::sum));
        });
        System.out.printf("reports=%d in_sync=%d anomalies by type/severity (report count)=%s reports with type=%s%n",
                reports[0], reports[1], byTypeSeverity, reportsWith);
        assertThat(engine.invalid()).isZero();
        SymbolAnalytics btc = engine.symbol("BTCUSDT");
        System.out.printf("book verification through the engine: matched=%d mismatched=%d suspicions=%d%n",
                btc.verifier().matched(), btc.verifier().mismatched(), btc.verifier().suspicions());
        assertThat(btc.verifier().matched()).as("every bookTicker at the book's id, as the data README says").isEqualTo(1072);
        assertThat(btc.verifier().mismatched()).isZero();
        assertThat(btc.verifier().suspicions()).isZero();
        assertThat(reports[1]).as("reports with a synced book").isGreaterThan(5_000);
        for (var e : reportsWith.entrySet()) {
            assertThat(e.getValue()).as("reports carrying %s: a detector firing most of the time is mis-tuned",
                    e.getKey()).isLessThan(reports[0] / 10);
        }
    }
}
