package io.context8.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.context8.analytics.steps.ReportChain;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.analytics.AnalyticsEngine;
import io.context8.book.Decimals;
import io.context8.book.OrderBook;
import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.IngestFrames;
import io.context8.ingest.IngestStatus;
import io.context8.ingest.RejectedFrameException;
import io.context8.recording.RecordedFrame;
import io.context8.recording.RecordingFile;
import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;
import io.context8.schema.SchemaGuard;
import io.context8.schema.SchemaViolationException;
import io.context8.testsupport.RecordingExpectations;
import io.context8.testsupport.SharedData;
import io.context8.testsupport.TestSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Fuzz: the real 2024 BTCUSDT frames go through ingest's steps (normalizer, sequence tracker, envelope schema)
 * and the analytics engine, as the routes chain them, with a mutated copy inserted after every 10th frame
 * (truncated, a payload character replaced, a field renamed, a value made NaN / negative / of the wrong type, an
 * unknown event type, a huge frame) and old frames replayed again out of order. Nothing may throw past the
 * steps' documented rejections, every rejection must be counted, and the book must end equal to the one
 * computed from the unmutated recording (as must the last price).
 */
@EnabledIf(value = "io.context8.testsupport.SharedData#recordingsPresent",
        disabledReason = "real Binance recordings not found (../shared/data/binance or $CONTEXT8_DATA_DIR)")
class IngestAnalyticsFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PAD = "x".repeat(2 << 20);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestFrames ingest = new IngestFrames(new BinanceNormalizer(new ObjectMapper(), "binance"),
            new IngestStatus(5_000), meters);
    private final SchemaGuard schema = new SchemaGuard("schemas/market-event.schema.json", new ObjectMapper());
    private final AnalyticsEngine analytics = new AnalyticsEngine(List.of("BTCUSDT"), "binance",
            TestSettings.analytics(), MAPPER, this::now);
    private final CamelContext camel = new DefaultCamelContext();
    private final Random random = new Random(20240808);
    private long entryId;
    private long clockMs = 1_723_161_255_000L;

    private long ingestRejected;
    private long schemaRejected;
    private long analyticsRejected;
    private final List<String> unhandled = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();
    private int lastKind;
    private int harmless;
    private final BinanceNormalizer check = new BinanceNormalizer(new ObjectMapper(), "binance");

    @Test
    void mutatedRealFramesAreRejectedAndCountedAndTheBookStillMatches() throws Exception {
        RecordingExpectations expected = RecordingExpectations.of(SharedData.recording2024a(), SharedData.recording2024b());
        List<String> seen = new ArrayList<>();
        int mutants = 0;
        int replayed = 0;
        int n = 0;
        for (var file : List.of(SharedData.recording2024a(), SharedData.recording2024b())) {
            try (RecordingFile.Reader r = RecordingFile.open(file)) {
                while (r.hasNext()) {
                    RecordedFrame f = r.next();
                    if (f.isDepthSnapshot()) {
                        snapshot(f.frame());
                        snapshot(mutate(f.frame())); // a bad REST body: rejected, the good one stays
                        mutants++;
                        continue;
                    }
                    frame(f.frame());
                    seen.add(f.frame());
                    if (++n % 10 == 0) {
                        long before = ingestRejected + schemaRejected + analyticsRejected;
                        String m = mutate(f.frame());
                        frame(m);
                        mutants++;
                        if (ingestRejected + schemaRejected + analyticsRejected == before) {
                            if (sameEvent(f.frame(), m)) {
                                harmless++; // only a field Binance documents as "ignore" was hit
                            } else {
                                accepted.add(lastKind + ": " + abbreviate(m));
                            }
                        }
                    }
                    if (n % 97 == 0) { // an old frame again, out of order (a duplicate)
                        frame(seen.get(random.nextInt(seen.size())));
                        replayed++;
                    }
                }
            }
        }
        long rejected = ingestRejected + schemaRejected + analyticsRejected;
        System.out.printf("IngestAnalyticsFuzzTest: %d frames, %d mutated, %d replayed out of order; rejected: "
                + "ingest %d, schema %d, analytics %d; %d mutants only touched an ignored field%n", n, mutants,
                replayed, ingestRejected, schemaRejected, analyticsRejected, harmless);

        java.util.Map<Character, Long> byKind = new java.util.TreeMap<>();
        accepted.forEach(a -> byKind.merge(a.charAt(0), 1L, Long::sum));
        System.out.println("accepted mutants by kind: " + byKind);
        accepted.stream().collect(java.util.stream.Collectors.groupingBy(a -> a.charAt(0))).values()
                .forEach(l -> l.stream().limit(3).forEach(System.out::println));
        assertThat(unhandled).as("exceptions other than the documented rejections").isEmpty();
        assertThat(mutants).isGreaterThan(9_000);
        assertThat(accepted).as("mutants that were accepted although they changed the event").isEmpty();
        assertThat(rejected + harmless).as("every mutated frame rejected, or equal in effect").isEqualTo(mutants);
        assertThat(harmless).as("mutants that only touched an ignored field").isLessThan(mutants / 100);
        assertThat(errorsCounted("ingest")).as("ingest rejections counted").isEqualTo(ingestRejected + schemaRejected);

        var btc = analytics.symbol("BTCUSDT");
        assertThat(btc.sync().inSync()).isTrue();
        assertThat(btc.sync().lastUpdateId()).isEqualTo(expected.bookUpdateId);
        assertThat(side(btc.book(), true)).isEqualTo(plain(expected.bids));
        assertThat(side(btc.book(), false)).isEqualTo(plain(expected.asks));
        clockMs += 60_000; // a heartbeat report is due
        JsonNode report = MAPPER.readTree(ReportChain.reports(analytics.onBatch(List.of(), false)).get(0).json());
        assertThat(report.get("last_price").decimalValue()).isEqualByComparingTo(expected.lastPrice);
    }

    private long now() {
        return clockMs;
    }

    /** The ingest route's steps for one websocket frame, then the analytics engine for what reached the stream. */
    private void frame(String text) {
        Exchange ex = new DefaultExchange(camel);
        ex.getMessage().setBody(text);
        try {
            ingest.normalize(ex);
            if (ex.getMessage().getHeader(IngestFrames.REJECTED) != null) {
                ingest.rejected(ex);
                ingestRejected++;
                return;
            }
            toStream(ex);
        } catch (RuntimeException e) {
            unhandled.add(e + " on " + abbreviate(text));
        }
    }

    /** The snapshot route's steps for one REST body. */
    private void snapshot(String body) {
        Exchange ex = new DefaultExchange(camel);
        ex.getMessage().setBody(body);
        ex.getMessage().setHeader(RedisStreamConstants.SYMBOL, "BTCUSDT");
        try {
            ingest.snapshot(ex);
            toStream(ex);
        } catch (RejectedFrameException e) {
            failed(ex, e);
        } catch (RuntimeException e) {
            unhandled.add(e + " on snapshot " + abbreviate(body));
        }
    }

    private void toStream(Exchange ex) {
        try {
            schema.validate(ex.getMessage().getBody(JsonNode.class));
        } catch (SchemaViolationException e) {
            failed(ex, e);
            return;
        }
        String json = ex.getMessage().getBody(JsonNode.class).toString();
        ReportChain.reports(analytics.onBatch(List.of(new StreamEntry((++entryId) + "-0", Map.of(RedisStreamConstants.FIELD_EVENT, json))),
                false));
        analyticsRejected += analytics.drainRejected().size();
    }

    /** As the ingest-errors route configuration does: count and log through IngestFrames.failed. */
    private void failed(Exchange ex, RuntimeException e) {
        ex.setProperty(Exchange.EXCEPTION_CAUGHT, e);
        ingest.failed(ex);
        schemaRejected++;
    }

    private double errorsCounted(String component) {
        return meters.find("context8.errors").tag("component", component).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** One random mutation that makes the frame malformed or invalid. */
    private String mutate(String frame) {
        lastKind = random.nextInt(8);
        switch (lastKind) {
            case 0: // truncated
                return frame.substring(0, 1 + random.nextInt(frame.length() - 1));
            case 1: { // one character of the payload replaced by a character no field may hold
                int from = Math.max(0, frame.indexOf("\"data\""));
                int i = from + random.nextInt(frame.length() - from);
                while (frame.charAt(i) == ' ' || frame.charAt(i) == ',') {
                    i = from + random.nextInt(frame.length() - from);
                }
                return frame.substring(0, i) + '#' + frame.substring(i + 1);
            }
            case 2: // NaN where a decimal is expected
                return replaceFirstDecimal(frame, "\"NaN\"");
            case 3: // negative decimal
                return replaceFirstDecimal(frame, "\"-1.5\"");
            case 4: // wrong type: a decimal as an object
                return replaceFirstDecimal(frame, "{}");
            case 5: // unknown event type / stream
                return frame.replaceFirst("\"e\":\"[a-zA-Z0-9]+\"", "\"e\":\"mysteryEvent\"")
                        .replaceFirst("@(trade|depth@100ms|bookTicker)\"", "@mystery\"")
                        .replaceFirst("\"lastUpdateId\"", "\"lastUpdateIdX\"");
            case 6: // a required field missing (renamed)
                return frame.replaceFirst("\"(data|s|p|q|U|u|b|a|bids|asks|lastUpdateId)\":", "\"x_$1\":");
            default: { // huge frame: two megabytes of padding inside a string value
                int at = frame.indexOf(':') + 2; // inside the first string value
                return new StringBuilder(frame.length() + PAD.length()).append(frame, 0, at).append(PAD)
                        .append(frame, at, frame.length()).toString();
            }
        }
    }

    /** True when both frames normalize to the same event (type, symbol, payload). */
    private boolean sameEvent(String original, String mutant) {
        var a = check.normalize(original, 0);
        var b = check.normalize(mutant, 0);
        return a instanceof io.context8.ingest.NormalizedFrame.Event ea && b instanceof io.context8.ingest.NormalizedFrame.Event eb
                && ea.type().equals(eb.type()) && ea.symbol().equals(eb.symbol())
                && ea.envelope().get("payload").equals(eb.envelope().get("payload"));
    }

    private static String replaceFirstDecimal(String frame, String with) {
        String out = frame.replaceFirst("\"[0-9]+\\.[0-9]+\"", with);
        return out.equals(frame) ? frame.substring(0, frame.length() / 2) : out; // no decimal: truncate instead
    }

    private static Map<String, String> side(OrderBook book, boolean bids) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < book.levels(bids); i++) {
            m.put(text(BigDecimal.valueOf(book.priceAt(bids, i), Decimals.SCALE_DIGITS)),
                    text(BigDecimal.valueOf(book.qtyAt(bids, i), Decimals.SCALE_DIGITS)));
        }
        return m;
    }

    private static Map<String, String> plain(Map<BigDecimal, BigDecimal> side) {
        Map<String, String> m = new TreeMap<>();
        side.forEach((p, q) -> m.put(text(p), text(q)));
        return m;
    }

    private static String text(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
