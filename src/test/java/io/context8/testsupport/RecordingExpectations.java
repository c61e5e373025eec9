package io.context8.testsupport;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;

/**
 * Computes, independently of the analytics code (BigDecimal, TreeMaps, no shared classes), what the final
 * report of a replayed recording must say: the book rebuilt from the recorded REST snapshot and diffs by
 * Binance's procedure, the last trade, and the trade windows anchored at the newest exchange event time.
 */
public final class RecordingExpectations {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    public final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    public long bookUpdateId = -1;
    public long newestEventMs = -1;
    public BigDecimal lastPrice;
    public long tradeCount;
    public long bookTickers;
    public long diffs;
    /** Per diff applied to a synced book: (event time E ms, number of levels whose quantity really changed). */
    public final List<long[]> levelChanges = new ArrayList<>();
    /** Trades as (time ms, qty, aggressor is buyer). */
    public final List<Object[]> trades = new ArrayList<>();

    /** Reads the files in order, as the replay server plays them. */
    public static RecordingExpectations of(Path... files) throws IOException {
        RecordingExpectations x = new RecordingExpectations();
        List<JsonNode> buffered = new ArrayList<>();
        for (Path f : files) {
            try (RecordingFile.Reader r = RecordingFile.open(f)) {
                while (r.hasNext()) {
                    RecordedFrame frame = r.next();
                    JsonNode root = MAPPER.readTree(frame.frame());
                    if (frame.isDepthSnapshot()) {
                        x.snapshot(root, buffered);
                        continue;
                    }
                    String stream = root.path("stream").asText();
                    JsonNode d = root.get("data");
                    if (stream.endsWith("@trade")) {
                        x.tradeCount++;
                        x.lastPrice = new BigDecimal(d.get("p").asText());
                        x.trades.add(new Object[] {d.get("T").asLong(), new BigDecimal(d.get("q").asText()),
                                !d.get("m").asBoolean()});
                        x.newestEventMs = Math.max(x.newestEventMs, d.get("T").asLong());
                    } else if (stream.contains("@depth")) {
                        x.diffs++;
                        x.newestEventMs = Math.max(x.newestEventMs, d.get("E").asLong());
                        if (x.bookUpdateId < 0) {
                            buffered.add(d);
                        } else if (d.get("u").asLong() > x.bookUpdateId) {
                            x.levelChanges.add(new long[] {d.get("E").asLong(), x.changes(d.get("b"), x.bids)
                                    + x.changes(d.get("a"), x.asks)});
                            x.applyDiff(d);
                        }
                    } else if (stream.endsWith("@bookTicker")) {
                        x.bookTickers++;
                    }
                }
            }
        }
        return x;
    }

    private void snapshot(JsonNode s, List<JsonNode> buffered) {
        bids.clear();
        asks.clear();
        load(s.get("bids"), bids);
        load(s.get("asks"), asks);
        bookUpdateId = s.get("lastUpdateId").asLong();
        for (JsonNode d : buffered) {
            if (d.get("u").asLong() > bookUpdateId) {
                applyDiff(d);
            }
        }
        buffered.clear();
    }

    private void applyDiff(JsonNode d) {
        if (d.get("u").asLong() <= bookUpdateId) {
            return;
        }
        load(d.get("b"), bids);
        load(d.get("a"), asks);
        bookUpdateId = d.get("u").asLong();
    }

    /** Levels of a diff side whose quantity differs from the book's (absent = 0), before applying it. */
    private int changes(JsonNode levels, Map<BigDecimal, BigDecimal> side) {
        int n = 0;
        Map<BigDecimal, BigDecimal> seen = new TreeMap<>();
        for (JsonNode l : levels) {
            BigDecimal p = new BigDecimal(l.get(0).asText());
            BigDecimal q = new BigDecimal(l.get(1).asText());
            BigDecimal old = seen.containsKey(p) ? seen.get(p) : side.getOrDefault(p, BigDecimal.ZERO);
            if (old.compareTo(q) != 0) {
                n++;
            }
            seen.put(p, q);
        }
        return n;
    }

    /** Price-level changes of diffs applied to the synced book with E in (newestEventMs - windowMs, newestEventMs], per second. */
    public double bookUpdatesPerSec(long windowMs) {
        long n = levelChanges.stream().filter(c -> c[0] > newestEventMs - windowMs).mapToLong(c -> c[1]).sum();
        return n / (windowMs / 1000.0);
    }

    private static void load(JsonNode levels, Map<BigDecimal, BigDecimal> side) {
        for (JsonNode l : levels) {
            BigDecimal p = new BigDecimal(l.get(0).asText());
            BigDecimal q = new BigDecimal(l.get(1).asText());
            if (q.signum() == 0) {
                side.remove(p);
            } else {
                side.put(p, q);
            }
        }
    }

    public BigDecimal bestBid() {
        return bids.firstKey();
    }

    public BigDecimal bestAsk() {
        return asks.firstKey();
    }

    public double mid() {
        return bestBid().add(bestAsk()).doubleValue() / 2;
    }

    public double spreadBps() {
        return bestAsk().subtract(bestBid()).doubleValue() / mid() * 10_000;
    }

    /** (bid * askQty + ask * bidQty) / (bidQty + askQty). */
    public double weightedMid() {
        BigDecimal bq = bids.firstEntry().getValue();
        BigDecimal aq = asks.firstEntry().getValue();
        return bestBid().multiply(aq).add(bestAsk().multiply(bq)).divide(bq.add(aq), MathContext.DECIMAL64)
                .doubleValue();
    }

    public BigDecimal depthQty(boolean bid, int levels) {
        return (bid ? bids : asks).values().stream().limit(levels).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public double imbalance(int levels) {
        BigDecimal b = depthQty(true, levels);
        BigDecimal a = depthQty(false, levels);
        return b.subtract(a).doubleValue() / b.add(a).doubleValue();
    }

    /** Trades with time in (newestEventMs - windowMs, newestEventMs], per second. */
    public double ordersPerSec(long windowMs) {
        long n = trades.stream().filter(t -> (long) t[0] > newestEventMs - windowMs).count();
        return n / (windowMs / 1000.0);
    }

    /** Aggressive buy qty minus aggressive sell qty over (newestEventMs - windowMs, newestEventMs]. */
    public double netFlow(long windowMs) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Object[] t : trades) {
            if ((long) t[0] > newestEventMs - windowMs) {
                BigDecimal q = (BigDecimal) t[1];
                sum = (boolean) t[2] ? sum.add(q) : sum.subtract(q);
            }
        }
        return sum.doubleValue();
    }
}
