package io.context8.book;

/**
 * The price tick and quantity step of a symbol inferred from observed decimals, for when the exchange's own
 * ({@code exchangeInfo} {@code PRICE_FILTER.tickSize}, {@code LOT_SIZE.stepSize}) is not known: Binance pads
 * every price to 8 decimals ({@code "61673.99000000"}), so the tick is taken as the finest non-zero decimal
 * seen, i.e. the largest power of ten from 10⁻⁸ to 1 that divides every value. A tick that is not a power of
 * ten (0.5) is inferred as the next finer one (0.1), which still leaves on-tick values unchanged. Pure,
 * allocation-free.
 */
public final class Increments {

    private Increments() {
    }

    /** Largest power of ten (scaled, 1 .. {@link Decimals#ONE}) dividing every price of {@code levels}. */
    public static long finestPrice(LevelBuffer levels) {
        long step = Decimals.ONE;
        for (int i = 0, n = levels.count(); i < n && step > 1; i++) {
            step = finest(levels.price(i), step);
        }
        return step;
    }

    /** Largest power of ten (scaled, 1 .. {@link Decimals#ONE}) dividing every non-zero quantity of {@code levels}. */
    public static long finestQty(LevelBuffer levels) {
        long step = Decimals.ONE;
        for (int i = 0, n = levels.count(); i < n && step > 1; i++) {
            step = finest(levels.qty(i), step);
        }
        return step;
    }

    /** {@code step} divided by ten until it divides {@code scaled} (0 divides by anything). */
    public static long finest(long scaled, long step) {
        while (step > 1 && scaled % step != 0) {
            step /= 10;
        }
        return step;
    }
}
