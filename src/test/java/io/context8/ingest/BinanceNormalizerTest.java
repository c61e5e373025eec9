package io.context8.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.testsupport.SharedData;

class BinanceNormalizerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NOW = 1_700_000_000_000L;

    private final BinanceNormalizer normalizer = new BinanceNormalizer(MAPPER, "binance");

    /** Expected outcome per line of the real frame captures: an event type, or a rejection reason. */
    static Stream<Arguments> realFrames() {
        return Stream.of(
                Arguments.of("binance_com_spot_frames_2020.ndjson", 1, "control_ack"),
                Arguments.of("binance_com_spot_frames_2020.ndjson", 2, "unknown_frame"),
                Arguments.of("binance_com_spot_frames_2020.ndjson", 3, "unsupported_stream"),
                Arguments.of("binance_com_spot_frames_2020.ndjson", 4, "trade_tick"),
                Arguments.of("binance_com_spot_frames_2020.ndjson", 5, "ticker_24h"),
                Arguments.of("binance_com_spot_frames_2020.ndjson", 6, "unknown_frame"),
                Arguments.of("binance_com_spot_frames_2020.ndjson", 7, "unsupported_stream"),
                Arguments.of("binance_com_spot_frames_2020.ndjson", 8, "unsupported_stream"),
                Arguments.of("binance_com_spot_frames_2020.ndjson", 9, "unknown_frame"),
                Arguments.of("binance_com_spot_frames_2020.ndjson", 10, "unknown_frame"),
                Arguments.of("binance_spot_parser_test_messages_2021-2022.ndjson", 1, "unsupported_stream"),
                Arguments.of("binance_spot_parser_test_messages_2021-2022.ndjson", 2, "order_book_deltas"),
                Arguments.of("binance_spot_parser_test_messages_2021-2022.ndjson", 3, "unsupported_stream"),
                Arguments.of("binance_spot_parser_test_messages_2021-2022.ndjson", 4, "book_ticker"),
                Arguments.of("binance_spot_parser_test_messages_2021-2022.ndjson", 5, "ticker_24h"),
                Arguments.of("binance_spot_parser_test_messages_2021-2022.ndjson", 6, "unsupported_stream"),
                Arguments.of("binance_spot_parser_test_messages_2021-2022.ndjson", 7, "unsupported_stream"),
                Arguments.of("binance_spot_parser_test_messages_2021-2022.ndjson", 8, "unknown_frame"));
    }

    @ParameterizedTest(name = "{0} line {1} -> {2}")
    @MethodSource("realFrames")
    void classifiesEveryRealFrame(String file, int line, String expected) throws IOException {
        String frame = Files.readAllLines(SharedData.require("frames/" + file)).get(line - 1);
        assertThat(outcome(normalizer.normalize(frame, NOW))).isEqualTo(expected);
    }

    static Stream<Arguments> errorFrames() {
        return Stream.of(
                Arguments.of(1, "control_ack"),
                Arguments.of(2, "error_frame"),
                Arguments.of(3, "error_frame"),
                Arguments.of(4, "error_frame"),
                Arguments.of(5, "error_frame"),
                Arguments.of(6, "malformed_json"),
                Arguments.of(7, "error_frame"),
                Arguments.of(8, "error_frame"),
                Arguments.of(9, "malformed_json"),
                Arguments.of(10, "malformed_json"));
    }

    @ParameterizedTest(name = "observed error frame {0} -> {1}")
    @MethodSource("errorFrames")
    void rejectsEveryObservedErrorFrame(int line, String expected) throws IOException {
        Path file = SharedData.require("frames/observed_binance_error_frames.ndjson");
        String frame = MAPPER.readTree(Files.readAllLines(file).get(line - 1)).get("frame").asText();
        assertThat(outcome(normalizer.normalize(frame, NOW))).isEqualTo(expected);
    }

    @Test
    void restDepthBodyFromTheCaptureIsASnapshot() throws IOException {
        String body = Files.readAllLines(SharedData.require(
                "frames/binance_spot_parser_test_messages_2021-2022.ndjson")).get(7);
        NormalizedFrame.Event e = (NormalizedFrame.Event) normalizer.snapshot(body, "BTCUSDT", NOW);
        JsonNode env = MAPPER.readTree(e.json());
        assertThat(env.get("type").asText()).isEqualTo("order_book_depth");
        assertThat(env.at("/payload/last_update_id").asLong()).isEqualTo(19689626134L);
        assertThat(env.at("/payload/bids/0/0").asText()).isEqualTo("30618.66000000");
        assertThat(e.finalUpdateId()).isEqualTo(19689626134L);
    }

    @Nested
    class Envelope {

        @Test
        void oldTradeFormatWithBuyerAndSellerIdsKeepsTheDecimalTextAndAggressor() throws IOException {
            String frame = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1592591955766,\"s\":\"BTCUSDT\","
                    + "\"t\":343719861,\"p\":\"9302.00000000\",\"q\":\"0.00101900\",\"b\":2517144287,\"a\":2517144235,"
                    + "\"T\":1592591955765,\"m\":false,\"M\":true}}";
            JsonNode env = MAPPER.readTree(((NormalizedFrame.Event) normalizer.normalize(frame, NOW)).json());
            assertThat(env.get("type").asText()).isEqualTo("trade_tick");
            assertThat(env.get("venue").asText()).isEqualTo("binance");
            assertThat(env.get("symbol").asText()).isEqualTo("BTCUSDT");
            assertThat(env.get("ts_event").asLong()).isEqualTo(1592591955765L);
            assertThat(env.has("ts_event_estimated")).as("a trade carries its exchange time").isFalse();
            assertThat(env.get("ts_ingest").asLong()).isEqualTo(NOW);
            assertThat(env.at("/payload/price").asText()).isEqualTo("9302.00000000");
            assertThat(env.at("/payload/qty").asText()).isEqualTo("0.00101900");
            assertThat(env.at("/payload/aggressor").asText()).as("m=false: the buyer took liquidity").isEqualTo("buy");
            assertThat(env.at("/payload/trade_id").asLong()).isEqualTo(343719861L);
        }

        @Test
        void makerBuyerMeansTheAggressorSold() {
            String frame = trade("\"m\":true");
            assertThat(((NormalizedFrame.Event) normalizer.normalize(frame, NOW)).json()).contains("\"aggressor\":\"sell\"");
        }

        @Test
        void bookTickerTakesTheNewestExchangeEventTimeOfItsSymbol() throws IOException {
            normalizer.normalize(trade("\"m\":true"), NOW);
            String bt = "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":5,\"s\":\"BTCUSDT\",\"b\":\"1.0\",\"B\":\"2.0\","
                    + "\"a\":\"1.1\",\"A\":\"3.0\"}}";
            JsonNode env = MAPPER.readTree(((NormalizedFrame.Event) normalizer.normalize(bt, NOW + 5)).json());
            assertThat(env.get("ts_event").asLong()).isEqualTo(1000L);
            assertThat(env.get("ts_ingest").asLong()).isEqualTo(NOW + 5);
            assertThat(env.get("ts_event_estimated").asBoolean()).as("no exchange time in a bookTicker").isTrue();
        }

        @Test
        void bookTickerBeforeAnyTimedEventUsesTheIngestTime() throws IOException {
            String bt = "{\"stream\":\"ethusdt@bookTicker\",\"data\":{\"u\":5,\"s\":\"ETHUSDT\",\"b\":\"1.0\",\"B\":\"2.0\","
                    + "\"a\":\"1.1\",\"A\":\"3.0\"}}";
            JsonNode env = MAPPER.readTree(((NormalizedFrame.Event) normalizer.normalize(bt, NOW)).json());
            assertThat(env.get("ts_event").asLong()).isEqualTo(NOW);
        }

        @Test
        void diffCarriesItsUpdateIds() {
            String frame = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":7,\"s\":\"BTCUSDT\","
                    + "\"U\":10,\"u\":12,\"b\":[[\"1.0\",\"0.00000000\"]],\"a\":[]}}";
            NormalizedFrame.Event e = (NormalizedFrame.Event) normalizer.normalize(frame, NOW);
            assertThat(e.firstUpdateId()).isEqualTo(10);
            assertThat(e.finalUpdateId()).isEqualTo(12);
            assertThat(e.json()).contains("\"bids\":[[\"1.0\",\"0.00000000\"]]", "\"asks\":[]");
        }
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("negative price", trade("\"m\":true").replace("\"p\":\"100.5\"", "\"p\":\"-100.5\"")),
                Arguments.of("NaN price", trade("\"m\":true").replace("\"p\":\"100.5\"", "\"p\":\"NaN\"")),
                Arguments.of("numeric price", trade("\"m\":true").replace("\"p\":\"100.5\"", "\"p\":100.5")),
                Arguments.of("missing qty", trade("\"m\":true").replace("\"q\":\"0.25\",", "")),
                Arguments.of("string trade id", trade("\"m\":true").replace("\"t\":42", "\"t\":\"42\"")),
                Arguments.of("m not boolean", trade("\"m\":\"yes\"")),
                Arguments.of("lowercase symbol", trade("\"m\":true").replace("\"s\":\"BTCUSDT\"", "\"s\":\"btcusdt\"")),
                Arguments.of("exponent price", trade("\"m\":true").replace("\"p\":\"100.5\"", "\"p\":\"1e5\"")),
                Arguments.of("diff level not a pair", "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\","
                        + "\"E\":7,\"s\":\"BTCUSDT\",\"U\":10,\"u\":12,\"b\":[[\"1.0\"]],\"a\":[]}}"),
                Arguments.of("diff u before U", "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\","
                        + "\"E\":7,\"s\":\"BTCUSDT\",\"U\":12,\"u\":10,\"b\":[],\"a\":[]}}"),
                Arguments.of("wrong event type for stream", trade("\"m\":true").replace("\"e\":\"trade\"", "\"e\":\"aggTrade\"")));
    }

    @ParameterizedTest(name = "{0} -> invalid_field")
    @MethodSource("invalidFields")
    void rejectsInvalidFields(String name, String frame) {
        assertThat(outcome(normalizer.normalize(frame, NOW))).isEqualTo("invalid_field");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(Arguments.of("empty", ""), Arguments.of("blank", "   "), Arguments.of("truncated", "{\"stream\":"),
                Arguments.of("plain text", "hello"), Arguments.of("null frame", null));
    }

    @ParameterizedTest(name = "{0} -> malformed_json")
    @MethodSource("malformed")
    void rejectsMalformedInput(String name, String frame) {
        assertThat(outcome(normalizer.normalize(frame, NOW))).isEqualTo("malformed_json");
    }

    @Test
    void snapshotErrorBodyIsRejectedAsErrorFrame() {
        assertThat(outcome(normalizer.snapshot("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", "BTCUSDT", NOW)))
                .isEqualTo("error_frame");
    }

    @Test
    void decimalTextRules() {
        assertThat(List.of("0", "0.00000000", "61837.63000000", "12345678901234567890"))
                .allMatch(s -> io.context8.schema.KnownPatterns.isDecimal(s, false));
        assertThat(List.of("", ".5", "5.", "-1", "1e5", "NaN", "Infinity", "1.2.3", " 1", "١٢"))
                .noneMatch(s -> io.context8.schema.KnownPatterns.isDecimal(s, false));
        assertThat(io.context8.schema.KnownPatterns.isDecimal("-65.00000000", true)).isTrue();
    }

    private static String trade(String m) {
        return "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1000,\"s\":\"BTCUSDT\",\"t\":42,"
                + "\"p\":\"100.5\",\"q\":\"0.25\",\"T\":999," + m + ",\"M\":true}}";
    }

    private static String outcome(NormalizedFrame n) {
        return n instanceof NormalizedFrame.Event e ? e.type() : ((NormalizedFrame.Rejected) n).reason();
    }
}
