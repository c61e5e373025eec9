package io.context8.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One contract for every {@link OrderBook}; subclasses only say how to create the book. */
abstract class OrderBookContractTest {

    static final long ONE = Decimals.ONE;

    protected abstract OrderBook newBook();

    OrderBook book;

    @BeforeEach
    void setUp() {
        book = newBook();
    }

    static long px(String s) {
        return Decimals.parse(s);
    }

    @Nested
    @DisplayName("empty book")
    class Empty {
        @ParameterizedTest(name = "bid side = {0}")
        @ValueSource(booleans = {true, false})
        void hasNoLevels(boolean bid) {
            assertThat(book.isEmpty(bid)).isTrue();
            assertThat(book.levels(bid)).isZero();
            assertThatThrownBy(() -> book.priceAt(bid, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> book.qtyAt(bid, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void bestValuesAreTheSentinel() {
            assertThat(book.bestBidPrice()).isEqualTo(OrderBook.NO_VALUE);
            assertThat(book.bestBidQty()).isEqualTo(OrderBook.NO_VALUE);
            assertThat(book.bestAskPrice()).isEqualTo(OrderBook.NO_VALUE);
            assertThat(book.bestAskQty()).isEqualTo(OrderBook.NO_VALUE);
        }
    }

    @Nested
    @DisplayName("one level")
    class OneLevel {
        @Test
        void oneBid() {
            book.apply(true, px("100.5"), px("2"));
            assertThat(book.bestBidPrice()).isEqualTo(px("100.5"));
            assertThat(book.bestBidQty()).isEqualTo(px("2"));
            assertThat(book.isEmpty(false)).isTrue();
            assertThat(book.bestAskPrice()).isEqualTo(OrderBook.NO_VALUE);
        }

        @Test
        void oneAsk() {
            book.apply(false, px("101"), px("0.5"));
            assertThat(book.bestAskPrice()).isEqualTo(px("101"));
            assertThat(book.bestAskQty()).isEqualTo(px("0.5"));
            assertThat(book.isEmpty(true)).isTrue();
        }

        @Test
        void updateReplacesQuantity() {
            book.apply(true, px("100"), px("1"));
            book.apply(true, px("100"), px("3"));
            assertThat(book.levels(true)).isEqualTo(1);
            assertThat(book.bestBidQty()).isEqualTo(px("3"));
        }
    }

    @Nested
    @DisplayName("removal")
    class Removal {
        @ParameterizedTest(name = "delete of an absent level is a no-op, bid side = {0}")
        @ValueSource(booleans = {true, false})
        void deleteAbsentLevel(boolean bid) {
            book.apply(bid, px("100"), px("1"));
            book.apply(bid, px("99"), 0);
            book.apply(bid, px("101"), 0);
            assertThat(book.levels(bid)).isEqualTo(1);
            assertThat(book.priceAt(bid, 0)).isEqualTo(px("100"));
        }

        @ParameterizedTest(name = "qty 0 removes the level, bid side = {0}")
        @ValueSource(booleans = {true, false})
        void qtyZeroRemoves(boolean bid) {
            book.apply(bid, px("100"), px("1"));
            book.apply(bid, px("101"), px("2"));
            book.apply(bid, px("102"), px("3"));
            book.apply(bid, px("101"), 0);
            assertThat(book.levels(bid)).isEqualTo(2);
            assertThat(book.priceAt(bid, 0)).isEqualTo(px(bid ? "102" : "100"));
            assertThat(book.priceAt(bid, 1)).isEqualTo(px(bid ? "100" : "102"));
            book.apply(bid, px("100"), 0);
            book.apply(bid, px("102"), 0);
            assertThat(book.isEmpty(bid)).isTrue();
        }

        @Test
        void clearEmptiesBothSides() {
            book.apply(true, px("100"), px("1"));
            book.apply(false, px("101"), px("1"));
            book.clear();
            assertThat(book.isEmpty(true)).isTrue();
            assertThat(book.isEmpty(false)).isTrue();
            book.apply(true, px("50"), px("1"));
            assertThat(book.bestBidPrice()).isEqualTo(px("50"));
        }
    }

    @Nested
    @DisplayName("ordering")
    class Ordering {
        @ParameterizedTest(name = "copyLevels equals priceAt / qtyAt over a range, bid side = {0}")
        @ValueSource(booleans = {true, false})
        void copyLevelsEqualsLevelReads(boolean bid) {
            for (int i = 0; i < 200; i++) {
                book.apply(bid, px("100") + (i * 7 % 200) * ONE / 100, (i + 1) * ONE);
            }
            long[] prices = new long[200];
            long[] qtys = new long[200];
            book.copyLevels(bid, 10, 150, prices, qtys);
            for (int i = 10; i < 160; i++) {
                assertThat(prices[i]).isEqualTo(book.priceAt(bid, i));
                assertThat(qtys[i]).isEqualTo(book.qtyAt(bid, i));
            }
            assertThat(prices[9]).isZero();
            assertThat(prices[160]).isZero();
            assertThatThrownBy(() -> book.copyLevels(bid, 150, 51, prices, qtys))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void bidsDescendAsksAscend() {
            long[] prices = {px("100"), px("98"), px("103"), px("99"), px("101")};
            for (long p : prices) {
                book.apply(true, p, ONE);
                book.apply(false, p + 10 * ONE, ONE);
            }
            for (int i = 1; i < 5; i++) {
                assertThat(book.priceAt(true, i)).isLessThan(book.priceAt(true, i - 1));
                assertThat(book.priceAt(false, i)).isGreaterThan(book.priceAt(false, i - 1));
            }
            assertThat(book.bestBidPrice()).isEqualTo(px("103"));
            assertThat(book.bestAskPrice()).isEqualTo(px("108"));
        }
    }

    @Nested
    @DisplayName("crossed and locked books are accepted and reported")
    class CrossedLocked {
        @Test
        void crossed() {
            book.apply(true, px("101"), ONE);
            book.apply(false, px("100"), 2 * ONE);
            assertThat(book.bestBidPrice()).isEqualTo(px("101"));
            assertThat(book.bestAskPrice()).isEqualTo(px("100"));
            assertThat(book.bestBidPrice()).isGreaterThan(book.bestAskPrice());
        }

        @Test
        void locked() {
            book.apply(true, px("100"), ONE);
            book.apply(false, px("100"), 2 * ONE);
            assertThat(book.bestBidPrice()).isEqualTo(book.bestAskPrice());
            assertThat(book.bestBidQty()).isEqualTo(ONE);
            assertThat(book.bestAskQty()).isEqualTo(2 * ONE);
        }
    }

    @Nested
    @DisplayName("invalid input")
    class Invalid {
        @Test
        void rejectsNonPositivePriceAndNegativeQty() {
            assertThatThrownBy(() -> book.apply(true, 0, ONE)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> book.apply(false, -5, ONE)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> book.apply(true, ONE, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(book.isEmpty(true)).isTrue();
        }
    }

    @Nested
    @DisplayName("deep book (3000 levels a side)")
    class Deep {
        @Test
        void walksAllLevelsInOrder() {
            int n = 3000;
            for (int i = 0; i < n; i++) { // insert in scrambled order
                int k = (i * 7919) % n;
                book.apply(true, (50_000L + k) * ONE, (k + 1L) * 1000);
                book.apply(false, (60_000L + k) * ONE, (k + 1L) * 1000);
            }
            assertThat(book.levels(true)).isEqualTo(n);
            assertThat(book.levels(false)).isEqualTo(n);
            for (int i = 0; i < n; i++) {
                assertThat(book.priceAt(true, i)).isEqualTo((50_000L + n - 1 - i) * ONE);
                assertThat(book.qtyAt(true, i)).isEqualTo((n - i) * 1000L);
                assertThat(book.priceAt(false, i)).isEqualTo((60_000L + i) * ONE);
                assertThat(book.qtyAt(false, i)).isEqualTo((i + 1L) * 1000);
            }
            for (int i = 0; i < n; i += 2) {
                book.apply(true, (50_000L + i) * ONE, 0);
            }
            assertThat(book.levels(true)).isEqualTo(n / 2);
            assertThat(book.bestBidPrice()).isEqualTo((50_000L + n - 1) * ONE);
        }
    }

    @Test
    @DisplayName("random operations match the naive reference (fixed seed)")
    void matchesNaiveReference() {
        OrderBook ref = new NaiveOrderBook();
        SplittableRandom rnd = new SplittableRandom(20240808L);
        for (int step = 0; step < 20_000; step++) {
            boolean bid = rnd.nextBoolean();
            long price = (bid ? 900 + rnd.nextInt(120) : 1000 + rnd.nextInt(120)) * ONE;
            long qty = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(1_000_000);
            if (rnd.nextInt(5000) == 0) {
                book.clear();
                ref.clear();
            } else {
                book.apply(bid, price, qty);
                ref.apply(bid, price, qty);
            }
            if (step % 97 == 0) {
                assertSameBook(book, ref);
            }
        }
        assertSameBook(book, ref);
    }

    static void assertSameBook(OrderBook actual, OrderBook expected) {
        for (boolean bid : new boolean[] {true, false}) {
            assertThat(actual.levels(bid)).as("levels bid=%s", bid).isEqualTo(expected.levels(bid));
            for (int i = 0; i < expected.levels(bid); i++) {
                assertThat(actual.priceAt(bid, i)).as("price bid=%s level %d", bid, i)
                        .isEqualTo(expected.priceAt(bid, i));
                assertThat(actual.qtyAt(bid, i)).as("qty bid=%s level %d", bid, i)
                        .isEqualTo(expected.qtyAt(bid, i));
            }
        }
    }
}
