package io.context8.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.context8.market.CandleInterval;
import io.context8.market.MarketDataJson;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only MCP tools beside {@code get_report}: {@code list_symbols}, {@code get_order_book},
 * {@code get_recent_trades} and {@code get_ohlcv}. Each validates its arguments against its input schema
 * (failures are tool errors {@code invalid_symbol} or {@code invalid_argument} with the reason), reads one
 * Redis key per symbol through {@link MarketDataReader} (written by the analytics role at the report cadence)
 * and returns {@code structuredContent} matching its output schema in {@code schemas/}, plus the same JSON as
 * text. Error results have the shape of {@link ReportTool}'s.
 */
public final class MarketTools {

    private static final Logger LOG = LoggerFactory.getLogger(MarketTools.class);
    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
    };

    public static final int MAX_DEPTH = 100;
    public static final int MAX_TRADES = 500;
    public static final int MAX_CANDLES = 500;
    /** Where every tool's data comes from (appended to each description). */
    static final String SOURCE_NOTE = " Data come from Binance's live streams, or from recorded Binance data when the"
            + " server runs a replay: get_report's source and market_time say which and when.";

    private final ReportLookup reports;
    private final MarketDataReader reader;
    private final McpJsonMapper json;
    private final JsonSchemaValidator validator;
    private final LongSupplier clock;

    public MarketTools(ReportLookup reports, MarketDataReader reader, McpJsonMapper json,
            JsonSchemaValidator validator, LongSupplier clock) {
        this.reports = reports;
        this.reader = reader;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    /** A tool's behaviour once its arguments passed the input schema; throws nothing but tool failures. */
    private interface Handler {
        CallToolResult call(Map<String, Object> args) throws IOException;
    }

    public List<SyncToolSpecification> specifications() {
        String symbols = reports.describeSymbols();
        return List.of(
                spec("list_symbols", "Indexed symbols",
                        "The symbols this server indexes, with for each whether a report exists, its data_age_ms,"
                                + " freshness, ingestion status (ok, degraded, down) and a one-line status (e.g. 'no"
                                + " data for this symbol yet'). Takes no arguments.",
                        object(Map.of(), List.of()), "schemas/mcp-symbols.schema.json", args -> listSymbols()),
                spec("get_order_book", "Order book (top N levels)",
                        "The current top-N levels of the server's local order book for one symbol, best first, as"
                                + " [price, quantity], with the book's Binance update id and whether it is in sync"
                                + " (an out-of-sync book returns no levels). depth: 1-" + MAX_DEPTH
                                + " levels per side, default 20. " + symbols,
                        object(Map.of("symbol", symbolProperty(), "depth",
                                integer(1, MAX_DEPTH, 20, "Levels per side.")), List.of("symbol")),
                        "schemas/mcp-order-book.schema.json", this::orderBook),
                spec("get_recent_trades", "Recent trades",
                        "The latest trades of one symbol, newest first: id, exchange time (ms), price, quantity and"
                                + " side as the aggressor (buy = an aggressive buyer lifted the ask). limit: 1-"
                                + MAX_TRADES + ", default 50. " + symbols,
                        object(Map.of("symbol", symbolProperty(), "limit",
                                integer(1, MAX_TRADES, 50, "Number of trades.")), List.of("symbol")),
                        "schemas/mcp-recent-trades.schema.json", this::recentTrades),
                spec("get_ohlcv", "OHLCV candles",
                        "OHLCV candles of one symbol built by the server from the trade stream it ingests, oldest first,"
                                + " with base volume and trade count; intervals without trades have no candle and the"
                                + " newest one may still be open (closed=false). Only the time since the server"
                                + " started collecting is covered. interval: 1s, 1m, 5m, 15m or 1h; limit: 1-"
                                + MAX_CANDLES + ", default 100. " + symbols,
                        object(Map.of("symbol", symbolProperty(), "interval", intervalProperty(), "limit",
                                integer(1, MAX_CANDLES, 100, "Number of candles (the newest ones).")),
                                List.of("symbol", "interval")),
                        "schemas/mcp-ohlcv.schema.json", this::ohlcv));
    }

    private SyncToolSpecification spec(String name, String title, String description, Map<String, Object> input,
            String outputSchemaResource, Handler handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description + SOURCE_NOTE + " On failure the result is an error whose text is JSON {\"error\": code,"
                        + " \"message\": ...} with code invalid_symbol, invalid_argument, symbol_not_indexed or"
                        + " backend_unavailable (retry shortly).")
                .inputSchema(input)
                .outputSchema(loadSchema(json, outputSchemaResource))
                .annotations(McpSchema.ToolAnnotations.builder().title(title).readOnlyHint(true)
                        .destructiveHint(false).idempotentHint(true).openWorldHint(false).build())
                .build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((ctx, request) -> call(name, input, handler, request)).build();
    }

    /** Never throws: every failure becomes a tool error. */
    private CallToolResult call(String name, Map<String, Object> input, Handler handler, CallToolRequest request) {
        Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
        var validation = validator.validate(input, args);
        if (!validation.valid()) {
            if (args.containsKey("symbol") && !ReportLookup.isValidSymbol(args.get("symbol"))) {
                return ToolResults.error(json, ReportError.INVALID_SYMBOL, reports.invalidSymbolMessage(), null);
            }
            return ToolResults.error(json, ReportError.INVALID_ARGUMENT,
                    "Invalid arguments for " + name + ": " + validation.errorMessage(), null);
        }
        Object symbol = args.get("symbol");
        if (symbol != null && !reports.configuredSymbols().contains(symbol)) {
            return ToolResults.error(json, ReportError.SYMBOL_NOT_INDEXED, "No data for " + symbol
                    + ": this server indexes " + ReportLookup.indexed(reports.configuredSymbols()) + ".", (String) symbol);
        }
        try {
            return handler.call(args);
        } catch (BackendUnavailableException e) {
            LOG.warn("{}: store unavailable: {}", name, e.getMessage());
            return ToolResults.error(json, ReportError.BACKEND_UNAVAILABLE,
                    "The data store is unavailable right now; retry in a few seconds.", (String) symbol);
        } catch (IOException | RuntimeException e) {
            LOG.error("{} failed", name, e);
            return ToolResults.error(json, ReportError.INTERNAL_ERROR, "The data could not be served.",
                    (String) symbol);
        }
    }

    private CallToolResult listSymbols() throws IOException {
        List<Object> out = new ArrayList<>();
        for (String symbol : reports.configuredSymbols()) {
            ReportLookup.Outcome outcome = reports.lookup(symbol);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("symbol", symbol);
            if (outcome instanceof ReportLookup.Found found) {
                Map<String, Object> report = json.readValue(found.reportJson(), MAP);
                entry.put("has_report", true);
                entry.put("data_age_ms", report.get("data_age_ms"));
                entry.put("fresh", report.get("fresh"));
                Map<?, ?> ingestion = report.get("ingestion") instanceof Map<?, ?> m ? m : Map.of();
                entry.put("ingestion_status", ingestion.get("status"));
                entry.put("status", ingestion.get("reason") instanceof String reason ? reason : "report without a reason");
            } else if (((ReportLookup.Failed) outcome).error() == ReportError.SYMBOL_NOT_INDEXED) {
                entry.put("has_report", false);
                entry.put("data_age_ms", null);
                entry.put("fresh", null);
                entry.put("ingestion_status", null);
                entry.put("status", "no report yet");
            } else {
                throw new BackendUnavailableException("report store unreachable");
            }
            out.add(entry);
        }
        return ToolResults.success(json, Map.of("symbols", out));
    }

    private CallToolResult orderBook(Map<String, Object> args) throws IOException {
        String symbol = (String) args.get("symbol");
        int depth = intArg(args, "depth", 20);
        Optional<String> stored = reader.get(MarketDataJson.bookKey(symbol));
        if (stored.isEmpty()) {
            return notYet(symbol, "order book");
        }
        Map<String, Object> book = json.readValue(stored.get(), MAP);
        book.put("bids", head(book.get("bids"), depth));
        book.put("asks", head(book.get("asks"), depth));
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : List.of("symbol", "update_id", "in_sync", "state", "generated_at_ms")) {
            out.put(k, book.get(k));
        }
        out.put("depth", Math.max(((List<?>) book.get("bids")).size(), ((List<?>) book.get("asks")).size()));
        out.put("depth_kept", book.get("depth_kept"));
        out.put("bids", book.get("bids"));
        out.put("asks", book.get("asks"));
        return ToolResults.success(json, out);
    }

    private CallToolResult recentTrades(Map<String, Object> args) throws IOException {
        String symbol = (String) args.get("symbol");
        List<String> members = reader.newest(MarketDataJson.tradesKey(symbol), intArg(args, "limit", 50));
        List<Object> trades = new ArrayList<>(members.size());
        for (String m : members) {
            trades.add(json.readValue(m, MAP));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", symbol);
        out.put("count", trades.size());
        out.put("trades", trades);
        return ToolResults.success(json, out);
    }

    private CallToolResult ohlcv(Map<String, Object> args) throws IOException {
        String symbol = (String) args.get("symbol");
        CandleInterval interval = CandleInterval.of((String) args.get("interval")).orElseThrow();
        List<String> members = reader.newest(MarketDataJson.candlesKey(symbol, interval),
                intArg(args, "limit", 100));
        long now = clock.getAsLong();
        List<Object> candles = new ArrayList<>(members.size());
        for (int i = members.size() - 1; i >= 0; i--) { // newest first in Redis, oldest first in the result
            Map<String, Object> c = json.readValue(members.get(i), MAP);
            c.put("closed", c.get("close_time_ms") instanceof Number t && t.longValue() < now);
            candles.add(c);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", symbol);
        out.put("interval", interval.label());
        out.put("count", candles.size());
        out.put("candles", candles);
        return ToolResults.success(json, out);
    }

    private CallToolResult notYet(String symbol, String what) {
        return ToolResults.error(json, ReportError.SYMBOL_NOT_INDEXED, "No " + what + " for " + symbol
                + " yet: it is indexed but nothing has been published (just started, or analytics is down);"
                + " retry shortly.", symbol);
    }

    private static List<?> head(Object levels, int n) {
        List<?> list = levels instanceof List<?> l ? l : List.of();
        return list.size() <= n ? list : list.subList(0, n);
    }

    private static int intArg(Map<String, Object> args, String name, int fallback) {
        return args.get(name) instanceof Number n ? n.intValue() : fallback;
    }

    static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", new LinkedHashMap<>(properties));
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    static Map<String, Object> symbolProperty() {
        return ReportTool.symbolProperty();
    }

    static Map<String, Object> intervalProperty() {
        List<String> labels = new ArrayList<>();
        for (CandleInterval i : CandleInterval.values()) {
            labels.add(i.label());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "string");
        p.put("enum", labels);
        p.put("description", "Candle interval.");
        return p;
    }

    static Map<String, Object> integer(int min, int max, int dflt, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "integer");
        p.put("minimum", min);
        p.put("maximum", max);
        p.put("default", dflt);
        p.put("description", description);
        return p;
    }

    static Map<String, Object> loadSchema(McpJsonMapper json, String resource) {
        try (InputStream in = MarketTools.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Schema not on the classpath: " + resource);
            }
            return json.readValue(in.readAllBytes(), MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
