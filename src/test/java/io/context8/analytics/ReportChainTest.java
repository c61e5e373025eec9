package io.context8.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.context8.analytics.steps.ReportChain;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.TestSettings;

/**
 * The report chain step by step: the built-in chain computes every section; a chain without one step leaves that
 * step's section null, names it in {@code not_computed}, and changes nothing else (the health score re-weights
 * over the components it still has, and says so).
 */
class ReportChainTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long T0 = 1_723_161_255_000L;

    /** Each step, the sections it leaves out, the JSON paths it leaves null, and the health components it feeds. */
    static List<Arguments> steps() {
        return List.of(
                Arguments.of("measure-book", List.of("top_of_book"),
                        List.of("/spread_bps", "/mid", "/micro_price", "/imbalance", "/depth"), List.of("spread", "balance")),
                Arguments.of("measure-depth-bands", List.of("bands"), List.of("/liquidity/bands"), List.of()),
                Arguments.of("find-walls-and-vacuums", List.of("walls_vacuums"),
                        List.of("/liquidity/walls", "/liquidity/vacuums", "/liquidity/level_qty_p95",
                                "/liquidity/level_qty_p10", "/liquidity/wall_threshold_qty"), List.of()),
                Arguments.of("measure-profile", List.of("profile"), List.of("/liquidity/profile"), List.of()),
                Arguments.of("measure-flow", List.of("flow"), List.of("/flow"), List.of("flow")),
                Arguments.of("detect-spoofing", List.of("spoofing"), List.of(), List.of()),
                Arguments.of("detect-icebergs", List.of("iceberg"), List.of(), List.of()),
                Arguments.of("assess-flash-crash-risk", List.of("flash_crash_risk"), List.of(), List.of()),
                Arguments.of("assess-ingestion", List.of("ingestion"),
                        List.of("/ingestion", "/data_age_ms", "/fresh"), List.of("freshness")),
                Arguments.of("score-health", List.of("health"), List.of("/health"), List.of()),
                Arguments.of("snapshot-book", List.of("top_of_book", "bands", "walls_vacuums", "flash_crash_risk"),
                        List.of("/spread_bps", "/mid", "/depth", "/liquidity/bands", "/liquidity/walls"),
                        List.of("spread", "depth", "balance")));
    }

    @Test
    @DisplayName("built-in chain: every section computed, not_computed empty, health with the default weights")
    void builtInChainComputesEverything() throws IOException {
        JsonNode r = run(ReportChain.BUILT_IN, market());
        assertThat(r.get("not_computed")).isEmpty();
        assertThat(r.at("/health/lacking")).isEmpty();
        assertThat(r.at("/health/weights/spread").asDouble()).isEqualTo(0.20);
        assertThat(r.at("/health/weights/depth").asDouble()).isEqualTo(0.25);
        assertThat(r.at("/health/weights/freshness").asDouble()).isEqualTo(0.10);
        assertThat(r.at("/liquidity/walls")).as("the market has a wall").isNotEmpty();
        assertThat(r.at("/liquidity/profile/poc").isNumber()).isTrue();
        assertThat(r.at("/flow/trades_per_sec").asDouble()).isPositive();
        assertThat(ReportChain.BUILT_IN.stepIds()).containsExactly("snapshot-book", "measure-book",
                "measure-depth-bands", "find-walls-and-vacuums", "measure-profile", "measure-flow", "detect-spoofing",
                "detect-icebergs", "assess-flash-crash-risk", "assess-ingestion", "score-health", "write-report");
    }

    @ParameterizedTest(name = "without {0}: {1} null and named in not_computed, everything else unchanged")
    @MethodSource("steps")
    void withoutAStep(String step, List<String> sections, List<String> nullPaths, List<String> lacking)
            throws IOException {
        List<StreamEntry> market = market();
        JsonNode full = run(ReportChain.BUILT_IN, market);
        JsonNode without = run(ReportChain.BUILT_IN.without(step), market);

        assertThat(MAPPER.convertValue(without.get("not_computed"), List.class)).containsExactlyElementsOf(sections);
        for (String p : nullPaths) {
            assertThat(without.at(p).isNull()).as(p + " without " + step).isTrue();
            assertThat(full.at(p).isNull()).as(p + " with " + step).isFalse();
        }
        if (!step.equals("score-health")) {
            assertThat(MAPPER.convertValue(without.at("/health/lacking"), List.class)).containsExactlyElementsOf(lacking);
            double sum = 0;
            for (Iterator<JsonNode> w = without.at("/health/weights").elements(); w.hasNext();) {
                sum += w.next().asDouble();
            }
            assertThat(sum).as("weights re-scaled to 1").isCloseTo(1.0, within(1e-3));
            for (String c : lacking) {
                assertThat(without.at("/health/weights/" + c).asDouble()).isZero();
                assertThat(without.at("/health/components/" + c).isNull()).isTrue();
            }
        }
        // nothing else changed: the same report with the step's fields (and what scores them) taken out of both
        Set<String> ignore = new TreeSet<>(nullPaths);
        ignore.add("/not_computed");
        ignore.add("/anomalies");
        if (!lacking.isEmpty() || step.equals("score-health") || step.startsWith("detect-")
                || step.equals("assess-flash-crash-risk")) {
            ignore.add("/health"); // a detector's findings are scored by the anomaly component
        }
        if (step.equals("measure-profile")) {
            ignore.add("/liquidity/profile_note");
        }
        if (step.equals("snapshot-book")) {
            ignore.addAll(List.of("/micro_price", "/imbalance", "/liquidity/vacuums", "/liquidity/level_qty_p95",
                    "/liquidity/level_qty_p10", "/liquidity/wall_threshold_qty"));
        }
        assertThat(strip(without, ignore)).isEqualTo(strip(full, ignore));
    }

    @Test
    @DisplayName("without every detector step: anomalies null, the anomaly component lacking")
    void withoutAnyDetector() throws IOException {
        ReportChain chain = ReportChain.BUILT_IN.without("detect-spoofing").without("detect-icebergs")
                .without("assess-flash-crash-risk");
        JsonNode r = run(chain, market());
        assertThat(r.get("anomalies").isNull()).isTrue();
        assertThat(MAPPER.convertValue(r.at("/health/lacking"), List.class)).containsExactly("anomalies");
        assertThat(r.at("/health/weights/spread").asDouble()).isCloseTo(0.20 / 0.85, within(1e-4));
    }

    @Test
    @DisplayName("a chain naming a step it does not have is refused")
    void unknownStep() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportChain.BUILT_IN.without("measure-nothing"))
                .hasMessageContaining("no step measure-nothing");
    }

    /** Two minutes of a calm generated market with a wall on the bid side and a few trades. */
    private static List<StreamEntry> market() {
        SyntheticMarket m = new SyntheticMarket("BTCUSDT", 11, T0).snapshot(400).calm(60_000);
        m.diff("[[\"99.80\",\"80\"]]", "[]");
        m.calm(60_000);
        return m.out;
    }

    /** The last report of an engine fed {@code entries} in batches of 50 with a fixed clock, through {@code chain}. */
    private static JsonNode run(ReportChain chain, List<StreamEntry> entries) throws IOException {
        long[] now = {T0};
        AnalyticsEngine engine = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, () -> now[0]);
        engine.onIngestStatus("{\"websocket\":\"receiving\"}");
        String last = null;
        for (int i = 0; i < entries.size(); i += 50) {
            now[0] += 500;
            for (ReportDraft d : engine.onBatch(entries.subList(i, Math.min(entries.size(), i + 50)))) {
                last = chain.run(d).json();
            }
        }
        JsonNode r = MAPPER.readTree(last);
        assertThat(SCHEMA.validate(r)).as("schema errors").isEmpty();
        return r;
    }

    private static JsonNode strip(JsonNode report, Set<String> paths) {
        ObjectNode copy = report.deepCopy();
        for (String p : paths) {
            int cut = p.lastIndexOf('/');
            JsonNode parent = cut == 0 ? copy : copy.at(p.substring(0, cut));
            if (parent instanceof ObjectNode o) {
                o.remove(p.substring(cut + 1));
            }
        }
        return copy;
    }

    private static final JsonSchema SCHEMA = schema();

    private static JsonSchema schema() {
        try (InputStream in = ReportChainTest.class.getResourceAsStream("/schemas/market-report.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
