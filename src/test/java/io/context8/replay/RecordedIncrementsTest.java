package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordedIncrementsTest {

    private static final long CENT = 1_000_000L; // 0.01 scaled
    private static final long TEN_THOUSANDTH = 10_000L; // 0.0001 scaled

    @Test
    void snapshotLevelsGivePriceTickAndQuantityStepSeparately() {
        RecordedIncrements inc = new RecordedIncrements();
        inc.observe("BTCUSDT", "{\"lastUpdateId\":1,\"bids\":[[\"100.01000000\",\"1.00000000\"]],"
                + "\"asks\":[[\"100.02000000\",\"0.00010000\"]]}");
        assertThat(inc.of("BTCUSDT")).containsExactly(CENT, TEN_THOUSANDTH);
    }

    @Test
    void diffLevelTradeAndBookTickerRefineTheirOwnIncrement() {
        RecordedIncrements inc = new RecordedIncrements();
        inc.observe("X", "{\"stream\":\"x@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"U\":1,\"u\":2,"
                + "\"b\":[[\"10.00000000\",\"2.00000000\"]],\"a\":[]}}");
        assertThat(inc.of("X")).containsExactly(100_000_000L, 100_000_000L);
        inc.observe("X", "{\"stream\":\"x@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"t\":1,\"p\":\"10.5\",\"q\":\"3\",\"T\":1}}");
        assertThat(inc.of("X")).as("trade price 10.5").containsExactly(10_000_000L, 100_000_000L);
        inc.observe("X", "{\"stream\":\"x@bookTicker\",\"data\":{\"u\":3,\"b\":\"10.00\",\"B\":\"0.25\","
                + "\"a\":\"10.5\",\"A\":\"1\"}}");
        assertThat(inc.of("X")).as("bookTicker quantity 0.25").containsExactly(10_000_000L, CENT);
    }

    @Test
    void zeroQuantityRemovalsAndIdsProveNothing() {
        RecordedIncrements inc = new RecordedIncrements();
        inc.observe("X", "{\"stream\":\"x@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1700000000123,"
                + "\"U\":123457,\"u\":123459,\"b\":[[\"10.00000000\",\"0.00000000\"]],\"a\":[[\"11.00000000\",\"1\"]]}}");
        assertThat(inc.of("X")).containsExactly(100_000_000L, 100_000_000L);
    }

    @Test
    void negativeOrMalformedTextAndUnparsableLinesAreSkipped() {
        RecordedIncrements inc = new RecordedIncrements();
        inc.observe("X", "{\"stream\":\"x@ticker\",\"data\":{\"e\":\"24hrTicker\",\"p\":\"-12.345\",\"b\":\"1.5\","
                + "\"B\":\"abc\",\"a\":\"2\",\"A\":\"1\"}}");
        inc.observe("X", "{\"stream\":\"x@trade\",\"data\":{\"p\":\"1.00000001\",\"q\":"); // truncated line
        assertThat(inc.of("X")).as("the truncated line's price is read before the parser fails")
                .containsExactly(1L, 100_000_000L);
        RecordedIncrements none = new RecordedIncrements();
        none.observe("Y", "not json");
        assertThat(none.of("Y")).as("nothing seen").isNull();
    }

    @Test
    void linesNotedBeforeTheFileSymbolIsKnownMergeIntoIt() {
        RecordedIncrements inc = new RecordedIncrements();
        inc.observe("file:a", "{\"lastUpdateId\":1,\"bids\":[[\"1.001\",\"1\"]],\"asks\":[]}");
        inc.observe("BTCUSDT", "{\"stream\":\"btcusdt@trade\",\"data\":{\"p\":\"2.5\",\"q\":\"0.5\"}}");
        inc.merge("file:a", "BTCUSDT");
        assertThat(inc.of("BTCUSDT")).containsExactly(100_000L, 10_000_000L);
        assertThat(inc.of("file:a")).isNull();
    }
}
