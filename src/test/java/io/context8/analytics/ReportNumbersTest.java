package io.context8.analytics;

import static io.context8.analytics.Envelopes.diff;
import static io.context8.analytics.Envelopes.entry;
import static io.context8.analytics.Envelopes.env;
import static io.context8.analytics.Envelopes.snapshot;
import static io.context8.analytics.Envelopes.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.context8.analytics.steps.ReportChain;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.context8.redis.StreamEntry;
import io.context8.testsupport.TestSettings;

/** The report's numbers as text: rounded to tick and step, plain decimals, named edge cases. */
class ReportNumbersTest {

    /** Reads numbers as BigDecimal so that the assertions see the text as written. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** A JSON number in exponent notation (not inside a string). */
    private static final Pattern EXPONENT = Pattern.compile("[:,\\[]-?[0-9.]+[eE][-+]?[0-9]+");
    private static final long T0 = 1_723_161_255_000L;
    private static JsonSchema reportSchema;

    private final AtomicLong now = new AtomicLong(T0 + 100);
    private final AnalyticsEngine engine = new AnalyticsEngine(List.of("BTCUSDT"), "binance",
            TestSettings.analytics(), MAPPER, now::get);

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = ReportNumbersTest.class.getResourceAsStream("/schemas/market-report.schema.json")) {
            reportSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(MAPPER.readTree(in));
        }
    }

    @Test
    @DisplayName("qty 0.00009 is written 0.00009 (not 9.0E-5), the mid 61673.995 without float noise")
    void plainDecimals() throws IOException {
        List<StreamEntry> batch = new ArrayList<>();
        batch.add(snapshot("BTCUSDT", 10, "[[\"61673.99000000\",\"0.00009000\"],[\"61673.98000000\",\"1.50000000\"]]",
                "[[\"61674.00000000\",\"0.00012000\"],[\"61674.01000000\",\"2.00000000\"]]", T0));
        // net selling: net flow is negative
        batch.add(trade("BTCUSDT", 1, "61673.99000000", "0.00003000", "sell", T0 + 10));
        batch.add(trade("BTCUSDT", 2, "61673.99000000", "0.10000000", "sell", T0 + 20));
        batch.add(trade("BTCUSDT", 3, "61674.00000000", "0.00001000", "buy", T0 + 30));
        String text = report(ReportChain.reports(engine.onBatch(batch)));
        JsonNode r = valid(text);

        assertThat(EXPONENT.matcher(text).find()).as("no exponent notation in %s", text).isFalse();
        assertThat(text).contains("\"best_bid\":{\"price\":61673.99,\"qty\":0.00009}")
                .contains("\"mid\":61673.995,")
                .contains("\"last_price\":61674,")
                .contains("\"net_flow\":-0.10002,")
                .contains("\"bids\":[[61673.99,0.00009],[61673.98,1.5]]");
        assertThat(r.at("/book/increments/tick_size").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(r.at("/book/increments/step_size").decimalValue()).isEqualByComparingTo("0.00001");
        assertThat(r.at("/book/increments/source").asText()).isEqualTo("observed");
        // bps to 4 significant digits (a one-tick spread of BTCUSDT is 0.0016 bps, not 0), ratios to 4 decimals,
        // notionals to 8 significant digits
        assertThat(r.get("spread_bps").decimalValue().precision()).isLessThanOrEqualTo(4);
        assertThat(r.get("spread_bps").decimalValue().signum()).isPositive();
        assertThat(r.get("imbalance").decimalValue().scale()).isLessThanOrEqualTo(4);
        assertThat(r.at("/depth/bid_notional").decimalValue().precision()).isLessThanOrEqualTo(8);
        // a health component that cannot be computed is null, not NaN
        assertThat(text).doesNotContain("NaN");
    }

    @Test
    @DisplayName("exchangeInfo's tick and step in the snapshot payload win over the observed decimals")
    void exchangeInfoIncrements() throws IOException {
        StreamEntry s = entry(env("order_book_depth", "BTCUSDT", T0, "{\"last_update_id\":10,"
                + "\"bids\":[[\"100.00000000\",\"1.00000000\"]],\"asks\":[[\"100.10000000\",\"2.00000000\"]],"
                + "\"tick_size\":\"0.01000000\",\"step_size\":\"0.00001000\",\"limit\":5000}"));
        // a micro-price of 100.0333...: a derived price, to a tenth of the 0.01 tick (the observed one would be 0.1)
        String text = report(ReportChain.reports(engine.onBatch(List.of(s))));
        JsonNode r = valid(text);
        assertThat(r.at("/book/increments/source").asText()).isEqualTo("exchange_info");
        assertThat(r.at("/book/increments/tick_size").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(text).contains("\"micro_price\":100.033,");
    }

    @Test
    @DisplayName("huge and zero values: plain digits, no exponent; zero quantities stay 0")
    void hugeAndZero() throws IOException {
        // 9,000,000,000 base units at 10,000: a notional of 9e13 quote units
        String text = report(ReportChain.reports(engine.onBatch(List.of(snapshot("BTCUSDT", 10,
                "[[\"10000.00000000\",\"9000000000.00000000\"]]", "[[\"10001.00000000\",\"1.00000000\"]]", T0)))));
        JsonNode r = valid(text);
        assertThat(EXPONENT.matcher(text).find()).as("no exponent notation in %s", text).isFalse();
        assertThat(text).contains("\"bid_notional\":90000000000000,").contains("\"bid_qty\":9000000000,");
        assertThat(r.at("/book/increments/step_size").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    @DisplayName("coverage: the snapshot's deepest levels; a band past them is partial unless the side was complete")
    void coverageAndPartialBands() throws IOException {
        // levels from 99.6 to 100.4 around a mid of 100.05: the 0.1 % band is inside, 0.5 % reaches past 99.6
        String bids = "[[\"100.00\",\"1\"],[\"99.80\",\"1\"],[\"99.60\",\"1\"]]";
        String asks = "[[\"100.10\",\"1\"],[\"100.30\",\"1\"],[\"100.40\",\"1\"]]";
        StreamEntry s = entry(env("order_book_depth", "BTCUSDT", T0, "{\"last_update_id\":10,\"bids\":" + bids
                + ",\"asks\":" + asks + ",\"limit\":3}"));
        // a diff adds a level beyond the coverage: it does not widen it
        StreamEntry d = diff("BTCUSDT", 11, 11, "[[\"90.00\",\"5\"]]", "[]", T0 + 10);
        JsonNode r = valid(report(ReportChain.reports(engine.onBatch(List.of(s, d)))));
        assertThat(r.at("/book/coverage/bid_low").decimalValue()).isEqualByComparingTo("99.6");
        assertThat(r.at("/book/coverage/ask_high").decimalValue()).isEqualByComparingTo("100.4");
        assertThat(r.at("/book/coverage/bid_complete").asBoolean()).isFalse();
        assertThat(r.at("/book/coverage/snapshot_limit").asInt()).isEqualTo(3);
        JsonNode bands = r.at("/liquidity/bands/depth");
        assertThat(bands.get(0).get("pct").asDouble()).isEqualTo(0.1);
        assertThat(bands.get(0).get("partial").asBoolean()).isFalse();
        assertThat(bands.get(1).get("partial").asBoolean()).as("0.5 %% reaches 99.55 < 99.6").isTrue();
        assertThat(bands.get(3).get("partial").asBoolean()).isTrue();

        // fewer levels than asked: the snapshot held the whole book, no band is partial
        AnalyticsEngine whole = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                MAPPER, now::get);
        StreamEntry complete = entry(env("order_book_depth", "BTCUSDT", T0, "{\"last_update_id\":10,\"bids\":"
                + bids + ",\"asks\":" + asks + ",\"limit\":5000}"));
        JsonNode w = valid(report(ReportChain.reports(whole.onBatch(List.of(complete)))));
        assertThat(w.at("/book/coverage/bid_complete").asBoolean()).isTrue();
        for (JsonNode band : w.at("/liquidity/bands/depth")) {
            assertThat(band.get("partial").asBoolean()).isFalse();
        }
    }

    private static String report(List<DueReport> due) {
        return due.stream().filter(d -> d.symbol().equals("BTCUSDT")).findFirst().orElseThrow().json();
    }

    private static JsonNode valid(String report) throws IOException {
        JsonNode n = MAPPER.readTree(report);
        assertThat(reportSchema.validate(n)).as("schema errors").isEmpty();
        return n;
    }
}
