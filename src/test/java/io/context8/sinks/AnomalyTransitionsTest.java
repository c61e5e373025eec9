package io.context8.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.metrics.Severity;

/** Onsets and ends of anomalies per symbol and type, at a severity threshold: the named edge cases. */
class AnomalyTransitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnomalyTransitions medium = new AnomalyTransitions(Severity.MEDIUM);

    @Test
    void severityRisingAcrossTheThresholdStartsOnce() {
        assertThat(feed("BTC", "spoofing:low")).isEmpty();
        assertThat(feed("BTC", "spoofing:medium")).containsExactly("start BTC spoofing medium");
        assertThat(feed("BTC", "spoofing:high")).as("still at or above: no repeat").isEmpty();
        assertThat(feed("BTC", "spoofing:high")).isEmpty();
    }

    @Test
    void severityFallingBelowTheThresholdEndsOnceWithTheLastActiveSeverity() {
        feed("BTC", "spoofing:high");
        assertThat(feed("BTC", "spoofing:medium")).isEmpty();
        assertThat(feed("BTC", "spoofing:low")).containsExactly("end BTC spoofing medium");
        assertThat(feed("BTC", "spoofing:low")).isEmpty();
        assertThat(feed("BTC")).as("already ended").isEmpty();
    }

    @Test
    void anomalyAbsentFromTheReportEnds() {
        feed("BTC", "iceberg:medium");
        assertThat(feed("BTC")).containsExactly("end BTC iceberg medium");
    }

    @Test
    void anomalyTypeChangingEndsTheOldTypeAndStartsTheNew() {
        feed("BTC", "spoofing:high");
        assertThat(feed("BTC", "iceberg:high")).containsExactly("end BTC spoofing high", "start BTC iceberg high");
    }

    @Test
    void twoTypesAtOnceAreIndependent() {
        assertThat(feed("BTC", "spoofing:medium", "iceberg:high"))
                .containsExactly("start BTC spoofing medium", "start BTC iceberg high");
        assertThat(feed("BTC", "iceberg:high")).containsExactly("end BTC spoofing medium");
    }

    @Test
    void symbolDisappearingLeavesItsStateAndOtherSymbolsAlone() {
        feed("BTC", "spoofing:high");
        assertThat(feed("ETH")).as("another symbol's report says nothing about BTC").isEmpty();
        assertThat(feed("ETH", "spoofing:high")).containsExactly("start ETH spoofing high");
        assertThat(feed("BTC", "spoofing:high")).as("BTC back with the same anomaly: no repeat onset").isEmpty();
    }

    @Test
    void reportWithoutAnomaliesFieldChangesNothing() {
        feed("BTC", "flash_crash_risk:high");
        assertThat(medium.onReport(json("{\"symbol\":\"BTC\"}"))).isEmpty();
        assertThat(medium.onReport(json("{\"symbol\":\"BTC\",\"anomalies\":null}"))).isEmpty();
        assertThat(feed("BTC", "flash_crash_risk:high")).as("still the same episode").isEmpty();
        assertThat(feed("BTC")).containsExactly("end BTC flash_crash_risk high");
    }

    @Test
    void reportWithoutSymbolOrWithUnknownSeverityIsIgnored() {
        assertThat(medium.onReport(json("{\"anomalies\":[{\"type\":\"spoofing\",\"severity\":\"high\"}]}"))).isEmpty();
        assertThat(feed("BTC", "spoofing:extreme")).isEmpty();
    }

    @Test
    void duplicateEntriesOfOneTypeCountAsTheHighest() {
        assertThat(feed("BTC", "spoofing:low", "spoofing:high")).containsExactly("start BTC spoofing high");
    }

    @Test
    void alertCarriesNoteEvidenceAndTheReportTimes() {
        List<AnomalyTransitions.Alert> alerts = medium.onReport(json("""
                {"symbol":"BTC","market_time":"2024-08-09T00:00:01Z",
                 "timestamps":{"generated_at":"2026-12-02T08:00:00Z"},
                 "anomalies":[{"type":"spoofing","severity":"high","note":"pulled","evidence":{"cancels":12}}]}"""));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.event()).isEqualTo(AnomalyTransitions.Event.START);
            assertThat(a.note()).isEqualTo("pulled");
            assertThat(a.evidence().get("cancels").asInt()).isEqualTo(12);
            assertThat(a.reportTime()).isEqualTo("2026-12-02T08:00:00Z");
            assertThat(a.marketTime()).isEqualTo("2024-08-09T00:00:01Z");
        });
    }

    @Test
    void thresholdLowCountsEverySeverity() {
        AnomalyTransitions low = new AnomalyTransitions(AnomalyTransitions.severity("LOW"));
        assertThat(low.onReport(report("BTC", "iceberg:low"))).hasSize(1);
        assertThatThrownBy(() -> AnomalyTransitions.severity("severe")).isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> feed(String symbol, String... anomalies) {
        List<String> out = new ArrayList<>();
        for (AnomalyTransitions.Alert a : medium.onReport(report(symbol, anomalies))) {
            out.add(a.event().json() + " " + a.symbol() + " " + a.type() + " " + a.severity().json());
        }
        return out;
    }

    private static JsonNode report(String symbol, String... anomalies) {
        StringBuilder b = new StringBuilder("{\"symbol\":\"" + symbol + "\",\"anomalies\":[");
        for (int i = 0; i < anomalies.length; i++) {
            String[] ts = anomalies[i].split(":");
            b.append(i == 0 ? "" : ",").append("{\"type\":\"").append(ts[0]).append("\",\"severity\":\"")
                    .append(ts[1]).append("\",\"note\":\"n\",\"evidence\":{}}");
        }
        return json(b.append("]}").toString());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
