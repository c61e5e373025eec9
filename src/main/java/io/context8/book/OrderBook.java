package io.context8.book;

/**
 * A price-level (L2) order book of one symbol. Prices and quantities are scaled longs ({@link Decimals}).
 * Sides are chosen with {@code bid}: {@code true} for bids, {@code false} for asks. Level {@code i} counts
 * from the best price ({@code 0}) outward, so metrics walk the top N with {@link #priceAt}/{@link #qtyAt}
 * without allocating.
 *
 * <p>"No value" convention: the best price/quantity of an empty side is {@link #NO_VALUE}
 * ({@code Long.MIN_VALUE}); check {@link #isEmpty(boolean)} first. A crossed (best bid above best ask) or
 * locked (equal) book is accepted and reported as is, never clamped.
 */
public interface OrderBook {

    /** Returned by the best-price/quantity accessors when the side is empty. */
    long NO_VALUE = Long.MIN_VALUE;

    /**
     * Sets the quantity of a level: {@code qty == 0} removes it (removing an absent level does nothing).
     * Throws IllegalArgumentException for a price {@code <= 0} or a negative quantity.
     */
    void apply(boolean bid, long price, long qty);

    /** Removes every level of both sides. */
    void clear();

    /** Number of levels on a side. */
    int levels(boolean bid);

    /** Price of level {@code i} (0 = best); throws IndexOutOfBoundsException outside {@code [0, levels)}. */
    long priceAt(boolean bid, int i);

    /** Quantity of level {@code i} (0 = best); throws IndexOutOfBoundsException outside {@code [0, levels)}. */
    long qtyAt(boolean bid, int i);

    /**
     * Quantity resting at {@code price} on a side, or 0 when there is no such level. The default walks the
     * side (O(n)); implementations with sorted storage override it with a binary search.
     */
    default long qtyAtPrice(boolean bid, long price) {
        for (int i = 0, n = levels(bid); i < n; i++) {
            if (priceAt(bid, i) == price) {
                return qtyAt(bid, i);
            }
        }
        return 0;
    }

    /**
     * Copies the levels {@code from} .. {@code from + count - 1} of a side (0 = best) into {@code prices} and
     * {@code qtys} at the same indices; {@code count} must not pass {@link #levels}. The default reads level by
     * level; implementations with array storage override it with a tight loop.
     */
    default void copyLevels(boolean bid, int from, int count, long[] prices, long[] qtys) {
        for (int i = from, end = from + count; i < end; i++) {
            prices[i] = priceAt(bid, i);
            qtys[i] = qtyAt(bid, i);
        }
    }

    /** True when a side has no level. */
    default boolean isEmpty(boolean bid) {
        return levels(bid) == 0;
    }

    /** Highest bid price, or {@link #NO_VALUE}. */
    default long bestBidPrice() {
        return isEmpty(true) ? NO_VALUE : priceAt(true, 0);
    }

    /** Quantity at the highest bid, or {@link #NO_VALUE}. */
    default long bestBidQty() {
        return isEmpty(true) ? NO_VALUE : qtyAt(true, 0);
    }

    /** Lowest ask price, or {@link #NO_VALUE}. */
    default long bestAskPrice() {
        return isEmpty(false) ? NO_VALUE : priceAt(false, 0);
    }

    /** Quantity at the lowest ask, or {@link #NO_VALUE}. */
    default long bestAskQty() {
        return isEmpty(false) ? NO_VALUE : qtyAt(false, 0);
    }

    /** Validates the arguments of {@link #apply}; shared by the implementations. */
    static void checkLevel(long price, long qty) {
        if (price <= 0) {
            throw new IllegalArgumentException("price must be > 0, was " + price);
        }
        if (qty < 0) {
            throw new IllegalArgumentException("qty must be >= 0, was " + qty);
        }
    }
}
