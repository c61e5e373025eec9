package io.context8.mcp;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Each symbol's report as the MCP resource template {@code report://{symbol}} (the same JSON as
 * {@code get_report}), and the prompt {@code market_brief(symbol)} asking for a concise, caveated summary of it.
 * A symbol without a report, an invalid one or an unreachable store is a JSON-RPC error
 * ({@code -32002} resource not found, {@code -32602}, {@code -32603}) with a plain message.
 */
public final class ReportResources {

    public static final String URI_TEMPLATE = "report://{symbol}";
    public static final String PROMPT = "market_brief";
    private static final Pattern URI = Pattern.compile("^report://([^/?#]*)$");

    private final ReportLookup lookup;

    public ReportResources(ReportLookup lookup) {
        this.lookup = lookup;
    }

    public SyncResourceTemplateSpecification resourceTemplate() {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder(URI_TEMPLATE, "report")
                .title("Market report")
                .description("The market microstructure report of one symbol (same JSON as the get_report tool)."
                        + " " + lookup.describeSymbols())
                .mimeType("application/json")
                .build();
        return new SyncResourceTemplateSpecification(template, (ctx, request) -> read(request.uri()));
    }

    McpSchema.ReadResourceResult read(String uri) {
        Matcher m = URI.matcher(uri == null ? "" : uri);
        if (!m.matches()) {
            throw error(McpSchema.ErrorCodes.INVALID_PARAMS, "Resource URIs have the form report://SYMBOL");
        }
        ReportLookup.Outcome outcome = lookup.lookup(m.group(1));
        if (outcome instanceof ReportLookup.Found found) {
            return new McpSchema.ReadResourceResult(List.of(
                    new McpSchema.TextResourceContents(uri, "application/json", found.reportJson())));
        }
        ReportLookup.Failed failed = (ReportLookup.Failed) outcome;
        int code = switch (failed.error()) {
            case SYMBOL_NOT_INDEXED -> McpSchema.ErrorCodes.RESOURCE_NOT_FOUND;
            case INVALID_SYMBOL, INVALID_ARGUMENT -> McpSchema.ErrorCodes.INVALID_PARAMS;
            default -> McpSchema.ErrorCodes.INTERNAL_ERROR;
        };
        throw error(code, failed.message());
    }

    public SyncPromptSpecification marketBrief() {
        McpSchema.Prompt prompt = new McpSchema.Prompt(PROMPT, "Market brief",
                "A concise, caveated summary of one symbol's live market report.",
                List.of(new McpSchema.PromptArgument("symbol", "Symbol",
                        "Exchange symbol, e.g. " + (lookup.configuredSymbols().isEmpty() ? "BTCUSDT"
                                : lookup.configuredSymbols().get(0)) + ".", true)));
        return new SyncPromptSpecification(prompt, (ctx, request) -> brief(request));
    }

    McpSchema.GetPromptResult brief(McpSchema.GetPromptRequest request) {
        Object symbol = request.arguments() == null ? null : request.arguments().get("symbol");
        if (!ReportLookup.isValidSymbol(symbol)) {
            throw error(McpSchema.ErrorCodes.INVALID_PARAMS, lookup.invalidSymbolMessage());
        }
        String text = "Call the get_report tool for " + symbol + " (or read the resource report://" + symbol
                + ") and write a concise market brief of at most 6 bullet points: last price and 24h change;"
                + " spread in bps and book imbalance; trade flow (trades per second, net aggressive flow);"
                + " anything unusual (crossed or out-of-sync book, thin depth). Caveats first: state the report's"
                + " data_age_ms and ingestion status, say plainly when data is stale, degraded or missing (null"
                + " means no value, not zero), and do not give trading advice or predictions.";
        return new McpSchema.GetPromptResult("Market brief for " + symbol, List.of(
                new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent(text))));
    }

    private static McpError error(int code, String message) {
        return new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(code, message, null));
    }
}
