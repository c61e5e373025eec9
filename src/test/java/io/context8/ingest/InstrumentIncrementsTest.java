package io.context8.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.context8.redis.RedisStreamConstants;
import io.context8.testsupport.SharedData;

class InstrumentIncrementsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final InstrumentIncrements increments = new InstrumentIncrements(MAPPER, 5000, clock::get);

    /** A small exchangeInfo body in Binance's shape. */
    static String body(String symbol, String tick, String step) {
        return "{\"timezone\":\"UTC\",\"symbols\":[{\"symbol\":\"OTHER\",\"filters\":[]},{\"symbol\":\"" + symbol
                + "\",\"status\":\"TRADING\",\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.01\","
                + "\"tickSize\":\"" + tick + "\"},{\"filterType\":\"PERCENT_PRICE\"},{\"filterType\":\"LOT_SIZE\","
                + "\"stepSize\":\"" + step + "\"}]}]}";
    }

    @Test
    void cachedOnceFetchedAndCarriedInTheSnapshotEvent() {
        Exchange e = exchange("BTCUSDT", body("BTCUSDT", "0.01000000", "0.00001000"));
        increments.check(e);
        assertThat(e.getMessage().getHeader(InstrumentIncrements.DUE, Boolean.class)).isTrue();
        increments.stored(e);
        increments.check(e);
        assertThat(e.getMessage().getHeader(InstrumentIncrements.DUE, Boolean.class)).as("cached").isFalse();

        ObjectNode env = MAPPER.createObjectNode().put("symbol", "BTCUSDT");
        env.putObject("payload").put("last_update_id", 1);
        Exchange s = exchange("BTCUSDT", null);
        s.getMessage().setBody(env);
        increments.annotate(s);
        assertThat(env.at("/payload/tick_size").asText()).isEqualTo("0.01000000");
        assertThat(env.at("/payload/step_size").asText()).isEqualTo("0.00001000");
        assertThat(env.at("/payload/limit").asInt()).isEqualTo(5000);
    }

    @Test
    void aFailureBacksOffAndTheSnapshotGoesWithoutIncrements() {
        increments.failed("ETHUSDT", "HTTP 500");
        assertThat(increments.due("ETHUSDT")).as("within the first back-off").isFalse();
        clock.addAndGet(InstrumentIncrements.FIRST_RETRY_MS);
        assertThat(increments.due("ETHUSDT")).isTrue();
        // an answer without the symbol is a failure too: the back-off doubles
        Exchange e = exchange("ETHUSDT", body("BTCUSDT", "0.01", "0.001"));
        increments.stored(e);
        clock.addAndGet(InstrumentIncrements.FIRST_RETRY_MS);
        assertThat(increments.due("ETHUSDT")).isFalse();
        clock.addAndGet(InstrumentIncrements.FIRST_RETRY_MS);
        assertThat(increments.due("ETHUSDT")).isTrue();

        ObjectNode env = MAPPER.createObjectNode().put("symbol", "ETHUSDT");
        env.putObject("payload");
        Exchange s = exchange("ETHUSDT", null);
        s.getMessage().setBody(env);
        increments.annotate(s);
        assertThat(env.at("/payload").has("tick_size")).isFalse();
        assertThat(env.at("/payload/limit").asInt()).isEqualTo(5000);
    }

    @Test
    void unreadableOrZeroIncrementsAreRefused() {
        assertThat(increments.parse("not json", "BTCUSDT")).isNull();
        assertThat(increments.parse(body("BTCUSDT", "0.00000000", "0.001"), "BTCUSDT")).isNull();
        assertThat(increments.parse(body("BTCUSDT", "1e-2", "0.001"), "BTCUSDT")).isNull();
    }

    /** Binance's own exchangeInfo answers captured by cryptofeed (spot and USD-M futures). */
    @ParameterizedTest(name = "{0} {1}: tick {2}, step {3}")
    @CsvSource({
            "BINANCE.0, BTCUSDT, 0.01000000, 0.00001000",
            "BINANCE.0, NKNUSDT, 0.00010000, 1.00000000",
            "BINANCE.0, LRCBTC, 0.00000001, 1.00000000",
            "BINANCE_FUTURES.0, SUSHIUSDT, 0.0010, 1",
            "BINANCE_FUTURES.0, BTCUSDT, 0.01, 0.001",
    })
    void realExchangeInfo(String file, String symbol, String tick, String step) throws IOException {
        Path p = SharedData.require("captures-cryptofeed/" + file);
        String line = Files.readAllLines(p, StandardCharsets.UTF_8).get(0);
        String body = line.substring(line.indexOf(": ") + 2);
        assertThat(increments.parse(body, symbol)).isEqualTo(new InstrumentIncrements.Increments(tick, step));
    }

    private static Exchange exchange(String symbol, String body) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(RedisStreamConstants.SYMBOL, symbol);
        e.getMessage().setBody(body);
        return e;
    }
}
