package io.context8.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The plain sentence that opens get_report's text: source, market time and freshness, never "current" for a replay. */
class ReportSummaryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "replay, fresh|{\"kind\":\"replay\",\"speed\":\"max\",\"recording\":[\"btcusdt_20240808.gz\"]}|\"2024-08-08T23:59:01Z\"|120|true|ok"
            + "|Replay of recorded Binance data (BTCUSDT, recording btcusdt_20240808.gz at max speed), not current prices:"
            + " market time 2024-08-08T23:59:01Z, feed fresh (data 120 ms old).",
        "replay of two files at 20x|{\"kind\":\"replay\",\"speed\":\"20x\",\"recording\":[\"a.gz\",\"b.gz\"]}|\"2024-08-09T00:00:00Z\"|5|true|ok"
            + "|Replay of recorded Binance data (BTCUSDT, recording a.gz + b.gz at 20x speed), not current prices:"
            + " market time 2024-08-09T00:00:00Z, feed fresh (data 5 ms old).",
        "live, stale|{\"kind\":\"live\",\"speed\":null,\"recording\":null}|\"2026-12-02T04:00:00Z\"|15000|false|down"
            + "|Live Binance data (BTCUSDT): market time 2026-12-02T04:00:00Z, feed NOT fresh (data 15000 ms old,"
            + " ingestion down).",
        "no data yet|{\"kind\":\"unknown\",\"speed\":null,\"recording\":null}|null|null|false|down"
            + "|Binance data of unknown source (BTCUSDT): no exchange-timed event yet, no data received yet"
            + " (ingestion down).",
        "simulated|{\"kind\":\"simulated\",\"speed\":null,\"recording\":null}|\"2026-12-02T04:00:00Z\"|3|true|ok"
            + "|Simulated market data, not from Binance (BTCUSDT), not real prices: market time 2026-12-02T04:00:00Z,"
            + " feed fresh (data 3 ms old).",
        "another kind|{\"kind\":\"paper\",\"speed\":null,\"recording\":null}|\"2026-12-02T04:00:00Z\"|3|true|ok"
            + "|Data from source 'paper' (BTCUSDT, venue Binance): market time 2026-12-02T04:00:00Z, feed fresh"
            + " (data 3 ms old)."})
    @SuppressWarnings("unchecked")
    void sentence(String name, String source, String marketTime, String age, boolean fresh, String status,
            String expected) throws Exception {
        String json = "{\"symbol\":\"BTCUSDT\",\"venue\":\"binance\",\"source\":" + source + ",\"market_time\":"
                + marketTime + ",\"data_age_ms\":" + age + ",\"fresh\":" + fresh + ",\"ingestion\":{\"status\":\""
                + status + "\"}}";
        assertThat(ReportTool.summary(MAPPER.readValue(json, Map.class))).isEqualTo(expected);
    }
}
