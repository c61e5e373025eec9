package io.context8.analytics;

import io.context8.analytics.steps.ReportChain;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.NormalizedFrame;
import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;
import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.SharedData;

/**
 * Every real Binance market of the shared data, as stream entries in receive order, for the detector
 * calibration: spot BTCUSDT 2024 and 2023, USD-M BTCUSDT, COIN-M BTCUSD_PERP (hftbacktest recordings) and the
 * cryptofeed multi-symbol captures (spot NKNUSDT, BLZETH, LRCBTC, RUNEEUR; USD-M SUSHIUSDT, AKROUSDT,
 * KEEPUSDT, CTKUSDT). Three conversions make them readable by the spot normalizer, all test-side only:
 * <ul>
 *   <li>futures diffs chain by {@code pu} (= previous {@code u}); the data README verifies that chain
 *       contiguous in these files, so each futures diff's {@code U} is rewritten to previous {@code u} + 1 (the
 *       spot chaining) after checking {@code pu} equals the previous {@code u} (a break is counted and kept as
 *       received, so the book goes out of sync as it would live); the first diff after the snapshot then still
 *       brackets {@code lastUpdateId + 1}; {@code depth@0ms} is read as {@code depth};</li>
 *   <li>cryptofeed recorded {@code aggTrade}, not {@code trade}: an aggregate trade is read as one trade with
 *       the aggregate id as trade id;</li>
 *   <li>the 2023 spot file has no REST snapshot: its first 60 s of diffs build a partial book (only the
 *       levels the diffs touched; quantity 0 removes) that is handed over as the snapshot at the last diff's
 *       {@code u}; the frames of those 60 s are not played.</li>
 * </ul>
 * COIN-M quantities stay contracts (100 USD each), as ingest would report them; its symbol BTCUSD_PERP is
 * read as BTCUSDPERP (the envelope's symbol pattern is the spot one: letters and digits).
 */
final class RealMarkets {

    /** What a market is used for in the calibration. */
    enum Use { CALIBRATION, HELD_OUT }

    /** One market: its name, symbols and use, and how to play it. */
    record Market(String name, List<String> symbols, Use use, Player player) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Player {
        void play(Feed feed) throws IOException;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RealMarkets() {
    }

    /** The markets, calibration ones first. Each player skips (assumption) when its files are absent. */
    static List<Market> all() {
        return List.of(
                new Market("spot BTCUSDT 2024-08-08/09", List.of("BTCUSDT"), Use.CALIBRATION,
                        f -> recordings(f, "BTCUSDT", "recordings/btcusdt_20240808.gz", "recordings/btcusdt_20240809.gz")),
                new Market("USD-M BTCUSDT 2024-08-08", List.of("BTCUSDT"), Use.CALIBRATION,
                        f -> recordings(f, "BTCUSDT", "recordings/usdm_btcusdt_20240808.gz")),
                new Market("cryptofeed spot 2021 (NKNUSDT, BLZETH, LRCBTC, RUNEEUR)",
                        List.of("NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR"), Use.CALIBRATION,
                        f -> cryptofeed(f, "captures-cryptofeed/BINANCE")),
                new Market("COIN-M BTCUSD_PERP 2024-08-08/09", List.of("BTCUSDPERP"), Use.HELD_OUT,
                        f -> recordings(f, "BTCUSD_PERP", "recordings/cm_btcusd_perp_20240808.gz",
                                "recordings/cm_btcusd_perp_20240809.gz")),
                new Market("spot BTCUSDT 2023-04-05", List.of("BTCUSDT"), Use.HELD_OUT, RealMarkets::spot2023),
                new Market("cryptofeed USD-M 2021 (SUSHIUSDT, AKROUSDT, KEEPUSDT, CTKUSDT)",
                        List.of("SUSHIUSDT", "AKROUSDT", "KEEPUSDT", "CTKUSDT"), Use.HELD_OUT,
                        f -> cryptofeed(f, "captures-cryptofeed/BINANCE_FUTURES")));
    }

    /**
     * Normalizes frames (with the conversions above) into stream entries and hands them to the engine, with
     * reports assembled on the recording's clock every 100 ms, as {@link RealRecordingReportsTest#replay} does.
     */
    static final class Feed {
        private final AnalyticsEngine engine;
        private final java.util.concurrent.atomic.AtomicLong clock;
        private final java.util.function.Consumer<DueReport> onReport;
        private final BinanceNormalizer normalizer = new BinanceNormalizer(MAPPER, "binance");
        private final Map<String, Long> lastU = new HashMap<>();
        private final List<StreamEntry> batch = new ArrayList<>(256);
        private long seq;
        long chainBreaks;
        long rejected;

        Feed(AnalyticsEngine engine, java.util.concurrent.atomic.AtomicLong clock,
                java.util.function.Consumer<DueReport> onReport) {
            this.engine = engine;
            this.clock = clock;
            this.onReport = onReport;
        }

        void frame(long localMs, String text) {
            JsonNode root;
            try {
                root = MAPPER.readTree(text);
            } catch (IOException e) {
                rejected++;
                return;
            }
            String stream = root.path("stream").asText("").replace("_", "");
            JsonNode data = root.path("data");
            if (data.path("s").asText().contains("_")) {
                ((ObjectNode) data).put("s", data.path("s").asText().replace("_", ""));
            }
            if (stream.contains("@depth") && data.has("pu")) {
                String symbol = data.path("s").asText();
                Long prev = lastU.get(symbol);
                if (prev != null && data.path("pu").asLong() == prev) {
                    ((ObjectNode) data).put("U", prev + 1);
                } else if (prev != null) {
                    chainBreaks++;
                }
                lastU.put(symbol, data.path("u").asLong());
                ((ObjectNode) root).put("stream", stream.substring(0, stream.indexOf('@')) + "@depth");
            } else if (stream.endsWith("@depth@0ms")) {
                ((ObjectNode) root).put("stream", stream.substring(0, stream.indexOf('@')) + "@depth");
            } else if (stream.endsWith("@aggTrade")) {
                ObjectNode d = (ObjectNode) data;
                d.put("e", "trade");
                d.put("t", d.path("a").asLong());
                ((ObjectNode) root).put("stream", stream.substring(0, stream.indexOf('@')) + "@trade");
            }
            add(localMs, normalizer.normalize(root.toString(), localMs));
        }

        void snapshot(long localMs, String symbol, String body) {
            add(localMs, normalizer.snapshot(body, symbol.replace("_", ""), localMs));
        }

        private void add(long ms, NormalizedFrame n) {
            if (n instanceof NormalizedFrame.Event e) {
                batch.add(new StreamEntry(++seq + "-0", Map.of(RedisStreamConstants.FIELD_EVENT, e.json())));
            } else if (!(n instanceof NormalizedFrame.Rejected r && r.reason().startsWith("unsupported"))) {
                rejected++;
            }
            if (batch.size() == 256 || ms >= clock.get() + 100) {
                clock.set(Math.max(clock.get(), ms));
                ReportChain.reports(engine.onBatch(batch)).forEach(onReport);
                batch.clear();
            }
        }

        void end() {
            ReportChain.reports(engine.onBatch(batch)).forEach(onReport);
            batch.clear();
        }
    }

    private static void recordings(Feed f, String symbol, String... files) throws IOException {
        for (String file : files) {
            Path p = SharedData.require(file);
            try (RecordingFile.Reader reader = RecordingFile.open(p)) {
                while (reader.hasNext()) {
                    RecordedFrame r = reader.next();
                    long ms = r.localEpochNanos() / 1_000_000;
                    if (r.isDepthSnapshot()) {
                        f.snapshot(ms, symbol, r.frame());
                    } else {
                        f.frame(ms, r.frame());
                    }
                }
            }
        }
        f.end();
    }

    /** The 2023 file: 60 s of diffs build the partial book handed over as the snapshot, then normal play. */
    private static void spot2023(Feed f) throws IOException {
        Path p = SharedData.recording2023();
        TreeMap<java.math.BigDecimal, String> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<java.math.BigDecimal, String> asks = new TreeMap<>();
        long start = -1;
        long lastU = -1;
        boolean handedOver = false;
        try (RecordingFile.Reader reader = RecordingFile.open(p)) {
            while (reader.hasNext()) {
                RecordedFrame r = reader.next();
                long ms = r.localEpochNanos() / 1_000_000;
                if (handedOver) {
                    f.frame(ms, r.frame());
                    continue;
                }
                start = start < 0 ? ms : start;
                JsonNode root = MAPPER.readTree(r.frame());
                if (!root.path("stream").asText().contains("@depth")) {
                    continue;
                }
                JsonNode d = root.path("data");
                put(bids, d.path("b"));
                put(asks, d.path("a"));
                lastU = d.path("u").asLong();
                if (ms - start >= 60_000) {
                    ObjectNode snap = MAPPER.createObjectNode();
                    snap.put("lastUpdateId", lastU);
                    snap.set("bids", levels(bids));
                    snap.set("asks", levels(asks));
                    f.snapshot(ms, "BTCUSDT", snap.toString());
                    handedOver = true;
                }
            }
        }
        f.end();
    }

    private static void put(TreeMap<java.math.BigDecimal, String> side, JsonNode levels) {
        for (JsonNode l : levels) {
            java.math.BigDecimal price = new java.math.BigDecimal(l.path(0).asText());
            if (new java.math.BigDecimal(l.path(1).asText()).signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, l.path(1).asText());
            }
        }
    }

    private static ArrayNode levels(TreeMap<java.math.BigDecimal, String> side) {
        ArrayNode a = MAPPER.createArrayNode();
        side.forEach((price, qty) -> a.addArray().add(price.toPlainString()).add(qty));
        return a;
    }

    /**
     * A cryptofeed capture: {@code <base>.ws.1.0} (first line the URL, then {@code <ts s>: <frame>}) and the REST
     * snapshots of {@code <base>.http.0.0} ({@code <url> -> <ts s>: <body>}), merged by receive time.
     */
    private static void cryptofeed(Feed f, String base) throws IOException {
        Path ws = SharedData.require(base + ".ws.1.0");
        Path http = SharedData.require(base + ".http.0.0");
        record Snap(long ms, String symbol, String body) {
        }
        List<Snap> snaps = new ArrayList<>();
        for (String line : Files.readAllLines(http, StandardCharsets.UTF_8)) {
            int arrow = line.indexOf(" -> ");
            int colon = line.indexOf(": ", arrow);
            if (arrow < 0 || colon < 0 || !line.contains("depth?symbol=")) {
                continue;
            }
            String url = line.substring(0, arrow);
            String symbol = url.substring(url.indexOf("symbol=") + 7).replaceAll("&.*", "");
            long ms = (long) (Double.parseDouble(line.substring(arrow + 4, colon)) * 1000);
            snaps.add(new Snap(ms, symbol, line.substring(colon + 2)));
        }
        snaps.sort(Comparator.comparingLong(Snap::ms));
        int next = 0;
        try (BufferedReader in = Files.newBufferedReader(ws, StandardCharsets.UTF_8)) {
            in.readLine(); // the websocket URL
            String line;
            while ((line = in.readLine()) != null) {
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    continue;
                }
                long ms = (long) (Double.parseDouble(line.substring(0, colon)) * 1000);
                while (next < snaps.size() && snaps.get(next).ms() <= ms) {
                    Snap s = snaps.get(next++);
                    f.snapshot(s.ms(), s.symbol(), s.body());
                }
                f.frame(ms, line.substring(colon + 2));
            }
        }
        f.end();
    }
}
