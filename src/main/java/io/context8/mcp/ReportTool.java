package io.context8.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * The MCP tool {@code get_report}: the published report for one symbol, as {@code structuredContent} (checked
 * by the SDK against the report schema, which is the tool's output schema) and as two text contents: one plain
 * sentence saying where the data comes from, its market time and freshness ({@link #summary}), then the report
 * JSON.
 * <p>
 * Failures are tool errors ({@code isError: true}) whose text is {@code {"error": code, "message": ...}} and
 * whose {@code _meta} carries the same code under {@value #META_ERROR}. They carry no
 * {@code structuredContent}: the official TypeScript client validates it against the output schema even when
 * {@code isError} is true, and an error object is not a report.
 */
public final class ReportTool {

    private static final Logger LOG = LoggerFactory.getLogger(ReportTool.class);

    public static final String NAME = "get_report";
    /** Classpath location of the report schema (from {@code schemas/} at the project root). */
    public static final String OUTPUT_SCHEMA_RESOURCE = "schemas/market-report.schema.json";
    /** {@code _meta} key holding the machine-readable error code of a failed call. */
    public static final String META_ERROR = "io.context8/error";

    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
    };

    private final ReportLookup lookup;
    private final McpJsonMapper json;
    private final JsonSchemaValidator validator;
    private final Map<String, Object> inputSchema = inputSchema();
    private final Map<String, Object> outputSchema;
    private final McpSchema.Tool tool;
    /** Per configured symbol, the last report served: its text and its frozen, validated tree. */
    private final Map<String, Served> lastServed = new ConcurrentHashMap<>();

    private record Served(String text, Map<String, Object> report, String summary) {
    }

    public ReportTool(ReportLookup lookup, McpJsonMapper json, JsonSchemaValidator validator) {
        this.lookup = lookup;
        this.json = json;
        this.validator = validator;
        this.outputSchema = loadOutputSchema(json);
        this.tool = McpSchema.Tool.builder()
                .name(NAME)
                .title("Market microstructure report")
                .description(description(lookup.describeSymbols()))
                .inputSchema(inputSchema)
                .outputSchema(outputSchema)
                .annotations(McpSchema.ToolAnnotations.builder()
                        .title("Market microstructure report")
                        .readOnlyHint(true)
                        .destructiveHint(false)
                        .idempotentHint(true)
                        .openWorldHint(false)
                        .build())
                .build();
    }

    public McpSchema.Tool tool() {
        return tool;
    }

    public SyncToolSpecification specification() {
        return SyncToolSpecification.builder().tool(tool).callHandler(this::call).build();
    }

    /** The tool call; never throws (the SDK would turn an exception into a JSON-RPC error with its message). */
    CallToolResult call(McpTransportContext context, CallToolRequest request) {
        try {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            // validated here rather than by the SDK so that the failure carries the invalid_symbol code
            if (!validator.validate(inputSchema, args).valid()) {
                return error(ReportError.INVALID_SYMBOL, lookup.invalidSymbolMessage(), null);
            }
            ReportLookup.Outcome outcome = lookup.lookup(args.get("symbol"));
            if (outcome instanceof ReportLookup.Found found) {
                return success(found);
            }
            ReportLookup.Failed failed = (ReportLookup.Failed) outcome;
            return error(failed.error(), failed.message(), failed.symbol());
        } catch (RuntimeException e) {
            LOG.error("get_report failed", e);
            return error(ReportError.INTERNAL_ERROR, "The report could not be served.", null);
        }
    }

    private CallToolResult success(ReportLookup.Found found) {
        Served served = lastServed.get(found.symbol());
        if (served != null && served.text().equals(found.reportJson())) {
            // the same report version as the previous call: already parsed and validated
            return result(served);
        }
        Map<String, Object> report;
        try {
            report = FrozenJson.freeze(json.readValue(found.reportJson(), MAP));
        } catch (IOException | RuntimeException e) {
            LOG.error("Stored report for {} is not a JSON object: {}", found.symbol(), e.getMessage());
            return error(ReportError.INTERNAL_ERROR, "The stored report is unreadable.", found.symbol());
        }
        // checked here so that a bad report gets a code, not prose; the SDK's own output check of this frozen
        // tree is then a lookup in the validator (validated once per report version)
        var validation = validator.validate(outputSchema, report);
        if (!validation.valid()) {
            LOG.error("Stored report for {} does not match the report schema: {}", found.symbol(),
                    validation.errorMessage());
            return error(ReportError.INTERNAL_ERROR, "The stored report does not match the report schema.",
                    found.symbol());
        }
        served = new Served(found.reportJson(), report, summary(report));
        if (lookup.configuredSymbols().contains(found.symbol())) {
            lastServed.put(found.symbol(), served);
        }
        return result(served);
    }

    private static CallToolResult result(Served served) {
        return CallToolResult.builder()
                .structuredContent(served.report())
                .addTextContent(served.summary())
                .addTextContent(served.text())
                .isError(false)
                .build();
    }

    private CallToolResult error(ReportError error, String message, String symbol) {
        return ToolResults.error(json, error, message, symbol);
    }

    /** {@code {symbol: string matching ^[A-Z0-9]{2,20}$}}, required, nothing else. */
    static Map<String, Object> inputSchema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of("symbol", symbolProperty()));
        schema.put("required", List.of("symbol"));
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The {@code symbol} argument: a string matching {@link ReportLookup#SYMBOL_REGEX}. */
    static Map<String, Object> symbolProperty() {
        Map<String, Object> symbol = new LinkedHashMap<>();
        symbol.put("type", "string");
        symbol.put("pattern", ReportLookup.SYMBOL_REGEX);
        symbol.put("description", "Exchange symbol, uppercase, base then quote asset, e.g. BTCUSDT.");
        return symbol;
    }

    /** The report JSON Schema from the classpath, as published in {@code schemas/} (not a copy). */
    static Map<String, Object> loadOutputSchema(McpJsonMapper json) {
        ClassLoader cl = ReportTool.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(OUTPUT_SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Report schema not on the classpath: " + OUTPUT_SCHEMA_RESOURCE);
            }
            return json.readValue(in.readAllBytes(), MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + OUTPUT_SCHEMA_RESOURCE, e);
        }
    }

    /**
     * One plain sentence on the report's source, market time and freshness, so that a model reading the text does
     * not take a replay's old prices for current ones, e.g. "Replay of recorded Binance data (BTCUSDT, recording
     * btcusdt_20240808.gz at max speed), not current prices: market time 2024-08-08T23:59:01Z, feed fresh (data
     * 120 ms old)."
     */
    static String summary(Map<String, Object> report) {
        String symbol = String.valueOf(report.get("symbol"));
        Object v = report.get("venue");
        String venue = v == null || v.toString().isEmpty() ? "exchange"
                : Character.toUpperCase(v.toString().charAt(0)) + v.toString().substring(1);
        Map<?, ?> source = report.get("source") instanceof Map<?, ?> m ? m : Map.of();
        String kind = source.get("kind") == null ? "unknown" : source.get("kind").toString();
        StringBuilder b = new StringBuilder(160);
        switch (kind) {
            case "live" -> b.append("Live ").append(venue).append(" data (").append(symbol).append(')');
            case "replay" -> {
                b.append("Replay of recorded ").append(venue).append(" data (").append(symbol);
                if (source.get("recording") instanceof List<?> files && !files.isEmpty()) {
                    b.append(", recording ");
                    for (int i = 0; i < files.size(); i++) {
                        b.append(i == 0 ? "" : " + ").append(files.get(i));
                    }
                }
                if (source.get("speed") != null) {
                    b.append(" at ").append(source.get("speed")).append(" speed");
                }
                b.append("), not current prices");
            }
            case "simulated" -> b.append("Simulated market data, not from ").append(venue).append(" (").append(symbol)
                    .append("), not real prices");
            case "unknown" -> b.append(venue).append(" data of unknown source (").append(symbol).append(')');
            default -> b.append("Data from source '").append(kind).append("' (").append(symbol).append(", venue ")
                    .append(venue).append(')');
        }
        Object marketTime = report.get("market_time");
        b.append(": ").append(marketTime == null ? "no exchange-timed event yet" : "market time " + marketTime);
        Object age = report.get("data_age_ms");
        String status = report.get("ingestion") instanceof Map<?, ?> ing && ing.get("status") != null
                ? ing.get("status").toString() : "unknown";
        if (age == null) {
            b.append(", no data received yet (ingestion ").append(status).append(").");
        } else if (Boolean.TRUE.equals(report.get("fresh"))) {
            b.append(", feed fresh (data ").append(age).append(" ms old).");
        } else {
            b.append(", feed NOT fresh (data ").append(age).append(" ms old, ingestion ").append(status).append(").");
        }
        return b.toString();
    }

    static String description(String indexedSymbols) {
        return "Market microstructure report for one crypto spot symbol (Binance), computed continuously by the"
                + " server from the trade and order-book streams it ingests: Binance's live streams, or recorded"
                + " Binance data in replay mode (the report's source says which; a replay's prices are not current)."
                + " The text answer opens with one sentence giving source, market_time (the exchange time of the"
                + " newest event) and freshness, then the report JSON. Returns: last price; 24h ticker;"
                + " order-book state (synced or not, crossed flag) with best bid/ask, spread in basis points, mid,"
                + " size-weighted micro-price, top-of-book imbalance in [-1, 1] and depth (levels, quantities,"
                + " notionals); flow (events, trades and book updates per second, net aggressive buy-minus-sell"
                + " quantity over a window); and freshness (data_age_ms, fresh: local staleness of the feed; ingestion"
                + " status). null means no value yet, never zero."
                + " Read-only and cheap: call it again for a newer snapshot. " + indexedSymbols
                + " On failure the result is an error whose text is JSON {\"error\": code, \"message\": ...} with"
                + " code symbol_not_indexed (no report for that symbol), backend_unavailable (retry shortly)"
                + " or invalid_symbol.";
    }
}
