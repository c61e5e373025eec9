package io.context8.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.context8.book.Decimals;
import org.junit.jupiter.api.Test;

class CandleSeriesTest {

    static long px(String s) {
        return Decimals.parse(s);
    }

    @Test
    void emptySeriesHasNoCandle() {
        CandleSeries c = new CandleSeries(60_000, 4);
        assertThat(c.size()).isZero();
        assertThat(c.dirty()).isZero();
        assertThatThrownBy(() -> c.openTime(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void tradesInOneIntervalMakeOneCandle() {
        CandleSeries c = new CandleSeries(60_000, 4);
        c.add(120_500, px("10"), px("1"));
        c.add(150_000, px("12"), px("2"));
        c.add(170_000, px("9"), px("0.5"));
        c.add(179_999, px("11"), px("1"));
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.openTime(0)).isEqualTo(120_000);
        assertThat(c.open(0)).isEqualTo(px("10"));
        assertThat(c.high(0)).isEqualTo(px("12"));
        assertThat(c.low(0)).isEqualTo(px("9"));
        assertThat(c.close(0)).isEqualTo(px("11"));
        assertThat(c.volume(0)).isEqualTo(px("4.5"));
        assertThat(c.trades(0)).isEqualTo(4);
        assertThat(c.dirty()).isEqualTo(1);
    }

    @Test
    void boundaryStartsANewCandleAndGapsHaveNone() {
        CandleSeries c = new CandleSeries(1_000, 8);
        c.add(999, px("1"), px("1"));
        c.add(1_000, px("2"), px("1"));
        c.add(5_500, px("3"), px("1"));
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.openTime(0)).isEqualTo(5_000);
        assertThat(c.openTime(1)).isEqualTo(1_000);
        assertThat(c.openTime(2)).isEqualTo(0);
    }

    @Test
    void ringKeepsTheNewestAndDirtyCountsChangedCandlesSinceTheFlush() {
        CandleSeries c = new CandleSeries(1_000, 3);
        for (int t = 0; t < 5; t++) {
            c.add(t * 1_000L, px("1"), px("1"));
        }
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.openTime(2)).isEqualTo(2_000);
        assertThat(c.dirty()).isEqualTo(3);
        c.markFlushed();
        c.add(4_500, px("2"), px("1"));
        assertThat(c.dirty()).isEqualTo(1);
        c.add(5_000, px("2"), px("1"));
        assertThat(c.dirty()).isEqualTo(2);
    }

    @Test
    void aTradeOlderThanTheNewestCandleIsIgnored() {
        CandleSeries c = new CandleSeries(1_000, 3);
        c.add(2_000, px("1"), px("1"));
        assertThat(c.add(1_500, px("5"), px("1"))).isFalse();
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.high(0)).isEqualTo(px("1"));
    }
}
