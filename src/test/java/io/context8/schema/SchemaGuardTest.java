package io.context8.schema;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The market-event schema as the ingest route applies it: valid envelopes of every type pass, defects fail. */
class SchemaGuardTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SchemaGuard GUARD = new SchemaGuard("schemas/market-event.schema.json", MAPPER);

    private static final Map<String, String> PAYLOADS = Map.of(
            "book_ticker", "{\"update_id\":1,\"bid_price\":\"1.5\",\"bid_qty\":\"2\",\"ask_price\":\"1.6\",\"ask_qty\":\"3\"}",
            "trade_tick", "{\"trade_id\":7,\"price\":\"65000.10\",\"qty\":\"0.001\",\"aggressor\":\"sell\",\"trade_time\":5}",
            "order_book_deltas", "{\"first_update_id\":10,\"final_update_id\":12,\"bids\":[[\"1.0\",\"0\"]],\"asks\":[]}",
            "order_book_depth", "{\"last_update_id\":9,\"bids\":[[\"1.0\",\"2.0\"]],\"asks\":[[\"1.1\",\"3\"]]}",
            "ticker_24h", "{\"last_price\":\"1\",\"price_change\":\"-0.5\",\"price_change_pct\":\"-33.3\","
                    + "\"weighted_avg_price\":\"1.2\",\"open\":\"1.5\",\"high\":\"2\",\"low\":\"1\",\"volume\":\"10\","
                    + "\"quote_volume\":\"12\",\"open_time\":1,\"close_time\":2,\"trade_count\":3}");

    private static ObjectNode envelope(String type, String payload) throws Exception {
        return (ObjectNode) MAPPER.readTree("{\"type\":\"" + type + "\",\"venue\":\"binance\",\"symbol\":\"BTCUSDT\","
                + "\"ts_event\":1,\"ts_ingest\":2,\"payload\":" + payload + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"book_ticker", "trade_tick", "order_book_deltas", "order_book_depth", "ticker_24h"})
    void aValidEnvelopeOfEachTypePasses(String type) throws Exception {
        assertThatCode(() -> GUARD.validate(envelope(type, PAYLOADS.get(type)))).doesNotThrowAnyException();
        assertThatCode(() -> GUARD.validateText(envelope(type, PAYLOADS.get(type)).toString()))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"book_ticker", "trade_tick", "order_book_deltas", "order_book_depth", "ticker_24h"})
    void eachTypeRejectsThePayloadOfEveryOtherType(String type) throws Exception {
        for (Map.Entry<String, String> other : PAYLOADS.entrySet()) {
            if (!other.getKey().equals(type)) {
                ObjectNode env = envelope(type, other.getValue());
                assertThatThrownBy(() -> GUARD.validate(env)).as("%s with a %s payload", type, other.getKey())
                        .isInstanceOf(SchemaViolationException.class);
            }
        }
    }

    @Test
    void fieldDefectsAreRejectedWithAReadableReason() throws Exception {
        ObjectNode negativePrice = envelope("trade_tick", PAYLOADS.get("trade_tick").replace("65000.10", "-1"));
        assertThatThrownBy(() -> GUARD.validate(negativePrice)).hasMessageContaining("price");
        ObjectNode badLevel = envelope("order_book_deltas", PAYLOADS.get("order_book_deltas").replace("\"0\"]", "\"1e3\"]"));
        assertThatThrownBy(() -> GUARD.validate(badLevel)).isInstanceOf(SchemaViolationException.class);
        ObjectNode unknownType = envelope("kline", PAYLOADS.get("trade_tick"));
        assertThatThrownBy(() -> GUARD.validate(unknownType)).hasMessageContaining("type");
        ObjectNode lowerSymbol = envelope("trade_tick", PAYLOADS.get("trade_tick"));
        lowerSymbol.put("symbol", "btcusdt");
        assertThatThrownBy(() -> GUARD.validate(lowerSymbol)).hasMessageContaining("symbol");
        ObjectNode extra = envelope("book_ticker", PAYLOADS.get("book_ticker"));
        extra.put("extra", 1);
        assertThatThrownBy(() -> GUARD.validate(extra)).isInstanceOf(SchemaViolationException.class);
        ObjectNode missing = envelope("book_ticker", PAYLOADS.get("book_ticker"));
        missing.remove("ts_event");
        assertThatThrownBy(() -> GUARD.validate(missing)).hasMessageContaining("ts_event");
    }

    @Test
    void textThatIsNotJsonIsRejected() {
        assertThatThrownBy(() -> GUARD.validateText("{not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> GUARD.validateText(null)).isInstanceOf(SchemaViolationException.class);
    }
}
