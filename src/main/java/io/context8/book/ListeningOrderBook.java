package io.context8.book;

/**
 * An {@link OrderBook} that forwards to another and, while listening, tells a {@link LevelListener} every
 * level change with the quantity before and after (looked up in O(log n) on an {@link ArrayOrderBook}).
 * Listening is switched on by the owner around the updates it wants to see (diffs applied to a synced book),
 * so snapshot loads and resets are not mistaken for market activity. Adds no allocation.
 */
public final class ListeningOrderBook implements OrderBook {

    /** Receives level changes: {@code oldQty} 0 means a new level, {@code newQty} 0 a removed one. */
    @FunctionalInterface
    public interface LevelListener {
        void onLevel(boolean bid, long price, long oldQty, long newQty);
    }

    private final OrderBook book;
    private final LevelListener listener;
    private boolean listening;

    public ListeningOrderBook(OrderBook book, LevelListener listener) {
        this.book = book;
        this.listener = listener;
    }

    /** Switches the notifications on or off. */
    public void listening(boolean on) {
        listening = on;
    }

    @Override
    public void apply(boolean bid, long price, long qty) {
        if (!listening) {
            book.apply(bid, price, qty);
            return;
        }
        long old = book.qtyAtPrice(bid, price);
        book.apply(bid, price, qty);
        if (old != qty) {
            listener.onLevel(bid, price, old, qty);
        }
    }

    @Override
    public void clear() {
        book.clear();
    }

    @Override
    public int levels(boolean bid) {
        return book.levels(bid);
    }

    @Override
    public void copyLevels(boolean bid, int from, int count, long[] prices, long[] qtys) {
        book.copyLevels(bid, from, count, prices, qtys);
    }

    @Override
    public long priceAt(boolean bid, int i) {
        return book.priceAt(bid, i);
    }

    @Override
    public long qtyAt(boolean bid, int i) {
        return book.qtyAt(bid, i);
    }

    @Override
    public long qtyAtPrice(boolean bid, long price) {
        return book.qtyAtPrice(bid, price);
    }
}
