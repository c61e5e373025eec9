package io.context8.replay;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.context8.book.Decimals;
import io.context8.book.Increments;

/**
 * The replay server's answer to {@code GET /api/v3/exchangeInfo}: Binance's shape ({@code symbols[].filters[]}
 * with {@code PRICE_FILTER.tickSize} and {@code LOT_SIZE.stepSize}, 8-decimal text) for the recorded symbols. A
 * recording holds no exchangeInfo, so the tick and step are the finest non-zero decimal of every price and
 * quantity the recording holds ({@link RecordedIncrements}, the same answer at any playback position); for the
 * simulated market, of its book's prices and quantities ({@link Increments}); an empty book gives 0.00000001
 * (nothing is rounded). Only the fields
 * ingest reads are present (no assets, permissions or other filters). Allocates; not on a hot path.
 */
final class ReplayExchangeInfo {

    private static final JsonFactory JSON = new JsonFactory();

    private ReplayExchangeInfo() {
    }

    /** The body for the given books, with {@code serverTime} = {@code nowMs}. */
    static String body(Collection<ReplayBook> books, RecordedIncrements recorded, long nowMs) {
        StringWriter w = new StringWriter(256 * (books.size() + 1));
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("timezone", "UTC");
            g.writeNumberField("serverTime", nowMs);
            g.writeArrayFieldStart("rateLimits");
            g.writeEndArray();
            g.writeArrayFieldStart("exchangeFilters");
            g.writeEndArray();
            g.writeArrayFieldStart("symbols");
            for (ReplayBook b : books) {
                symbol(g, b, recorded.of(b.symbol()));
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void symbol(JsonGenerator g, ReplayBook book, long[] recorded) throws IOException {
        long tick = Decimals.ONE;
        long step = Decimals.ONE;
        if (recorded != null) {
            tick = recorded[0];
            step = recorded[1];
        } else {
            for (List<ReplayBook.Level> side : List.of(book.bids(Integer.MAX_VALUE), book.asks(Integer.MAX_VALUE))) {
                for (ReplayBook.Level l : side) {
                    tick = Increments.finest(Decimals.parse(l.price()), tick);
                    step = Increments.finest(Decimals.parse(l.qty()), step);
                }
            }
        }
        boolean empty = recorded == null && book.bids(1).isEmpty() && book.asks(1).isEmpty();
        if (empty) {
            tick = 1;
            step = 1;
        }
        g.writeStartObject();
        g.writeStringField("symbol", book.symbol());
        g.writeStringField("status", "TRADING");
        g.writeArrayFieldStart("filters");
        g.writeStartObject();
        g.writeStringField("filterType", "PRICE_FILTER");
        g.writeStringField("minPrice", Decimals.toPlainString(tick));
        g.writeStringField("maxPrice", "1000000000.00000000");
        g.writeStringField("tickSize", Decimals.toPlainString(tick));
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("filterType", "LOT_SIZE");
        g.writeStringField("minQty", Decimals.toPlainString(step));
        g.writeStringField("maxQty", "9000000000.00000000");
        g.writeStringField("stepSize", Decimals.toPlainString(step));
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }
}
