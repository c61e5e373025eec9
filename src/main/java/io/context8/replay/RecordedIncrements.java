package io.context8.replay;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.context8.book.Decimals;
import io.context8.book.Increments;

/**
 * The price tick and quantity step of each recorded symbol, as the finest non-zero decimal of every price and
 * quantity in its recording: snapshot and diff levels ({@code bids}/{@code asks}, {@code b}/{@code a} pairs
 * of price and quantity), trades ({@code p}, {@code q}) and book tickers ({@code b}, {@code a} prices,
 * {@code B}, {@code A} quantities). A recording holds no exchangeInfo; deriving it from the whole recording
 * (once, at the replay server's scan) makes the answer the same whenever a client asks, and no value the
 * server plays is off it, as with Binance's own exchangeInfo. Text that is not a non-negative decimal (a
 * 24h ticker's negative price change) is skipped. Allocates per line; start-up only.
 */
final class RecordedIncrements {

    private static final JsonFactory JSON = new JsonFactory();

    /** Per symbol: {tick, step}, scaled. */
    private final Map<String, long[]> bySymbol = new HashMap<>();

    /**
     * Notes the prices and quantities of one recorded line under {@code key} (a symbol, or a file's key while
     * its symbol is not known yet: see {@link #merge}); a line that does not parse is skipped.
     */
    void observe(String key, String frame) {
        long[] inc = bySymbol.computeIfAbsent(key, s -> new long[] {Decimals.ONE, Decimals.ONE, 0});
        try (JsonParser p = JSON.createParser(frame)) {
            String field = null;
            int pairIndex = -1; // inside a [price, qty] pair: index of the next value
            int depth = 0;
            int levelsDepth = -1; // array depth of an open "b"/"a"/"bids"/"asks" array of pairs
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> field = p.currentName();
                    case START_ARRAY -> {
                        depth++;
                        if (levelsDepth < 0 && isLevels(field)) {
                            levelsDepth = depth;
                        } else if (levelsDepth > 0 && depth == levelsDepth + 1) {
                            pairIndex = 0;
                        }
                    }
                    case END_ARRAY -> {
                        if (depth == levelsDepth) {
                            levelsDepth = -1;
                        }
                        pairIndex = -1;
                        depth--;
                    }
                    case VALUE_STRING -> {
                        if (pairIndex >= 0) {
                            note(inc, pairIndex == 0, p.getText());
                            pairIndex++;
                        } else if (levelsDepth < 0 && field != null) {
                            if (field.equals("p") || field.equals("b") || field.equals("a")) {
                                note(inc, true, p.getText());
                            } else if (field.equals("q") || field.equals("B") || field.equals("A")) {
                                note(inc, false, p.getText());
                            }
                        }
                    }
                    default -> {
                        // objects and other scalars carry no increments
                    }
                }
            }
        } catch (IOException e) {
            // a line that does not parse is played verbatim and counted elsewhere; it proves no increment
        }
    }

    /** Moves what was noted under {@code key} to {@code symbol} (the finer of both). */
    void merge(String key, String symbol) {
        long[] from = bySymbol.remove(key);
        if (from == null || from[2] == 0) {
            return;
        }
        long[] to = bySymbol.computeIfAbsent(symbol, s -> new long[] {Decimals.ONE, Decimals.ONE, 0});
        to[0] = Math.min(to[0], from[0]);
        to[1] = Math.min(to[1], from[1]);
        to[2] = 1;
    }

    /** {tick, step} scaled for {@code symbol}, or null when nothing of it was seen. */
    long[] of(String symbol) {
        long[] inc = bySymbol.get(symbol);
        return inc == null || inc[2] == 0 ? null : new long[] {inc[0], inc[1]};
    }

    private static boolean isLevels(String field) {
        return "b".equals(field) || "a".equals(field) || "bids".equals(field) || "asks".equals(field);
    }

    private static void note(long[] inc, boolean price, String text) {
        long v;
        try {
            v = Decimals.parse(text);
        } catch (NumberFormatException e) {
            return;
        }
        int i = price ? 0 : 1;
        inc[i] = Increments.finest(v, inc[i]);
        inc[2] = 1;
    }
}
