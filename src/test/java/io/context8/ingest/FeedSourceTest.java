package io.context8.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The source ingest announces in its heartbeat: names only, the configured kind passed through. */
class FeedSourceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void replayNamesTheRecordingFilesWithoutDirectories() {
        FeedSource s = FeedSource.of("replay", "max", List.of("/data/binance/btcusdt_20240808.gz", " rec/b.gz ", ""));
        assertThat(s.kind()).isEqualTo("replay");
        assertThat(s.speed()).isEqualTo("max");
        assertThat(s.recording()).containsExactly("btcusdt_20240808.gz", "b.gz");
    }

    @ParameterizedTest(name = "speed {0} is written {1}")
    @CsvSource({"max,max", "MAX,max", "20,20x", "20x,20x", "1,1x", "0.5,0.5x", "2.50,2.5x"})
    void speedText(String configured, String written) {
        assertThat(FeedSource.of("replay", configured, List.of()).speed()).isEqualTo(written);
    }

    @ParameterizedTest(name = "source {0}: kind {1}, no speed or recording")
    @CsvSource({"live,live", "LIVE,live", "simulated,simulated", "'',live"})
    void otherKindsPassThrough(String configured, String kind) {
        FeedSource s = FeedSource.of(configured, "max", List.of("a.gz"));
        assertThat(s.kind()).isEqualTo(kind);
        assertThat(s.speed()).isNull();
        assertThat(s.recording()).isNull();
    }

    @Test
    void heartbeatCarriesTheSourceAndAnalyticsReadsItBack() throws Exception {
        FeedSource s = FeedSource.of("replay", "10", List.of("x/btcusdt_20240809.gz"));
        String json = MAPPER.writeValueAsString(new IngestStatus(5_000, s).heartbeat(1_000));
        assertThat(MAPPER.readTree(json).get("source").toString())
                .isEqualTo("{\"kind\":\"replay\",\"speed\":\"10x\",\"recording\":[\"btcusdt_20240809.gz\"]}");
        assertThat(FeedSource.fromJson(MAPPER.readTree(json).get("source"))).isEqualTo(s);
        assertThat(FeedSource.fromJson(null)).isSameAs(FeedSource.UNKNOWN);
        assertThat(FeedSource.fromJson(MAPPER.readTree("{\"kind\":\"\"}"))).isSameAs(FeedSource.UNKNOWN);
    }
}
