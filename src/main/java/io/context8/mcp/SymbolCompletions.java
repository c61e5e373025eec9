package io.context8.mcp;

import java.util.List;
import java.util.Locale;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * {@code completion/complete} for the symbol arguments: of the prompt {@code market_brief} and of the resource
 * template {@code report://{symbol}}. Answers the tracked symbols (the directory the tools describe) that start with
 * what was typed, case-insensitive, in the directory's order, at most {@value #MAX} with {@code total} and
 * {@code hasMore}; nothing for another argument. (MCP completes prompt and resource-template arguments; a tool's
 * {@code symbol} argument is described by its input schema instead.)
 */
public final class SymbolCompletions {

    /** Most values in one answer (the MCP limit). */
    static final int MAX = 100;

    private final ReportLookup lookup;

    public SymbolCompletions(ReportLookup lookup) {
        this.lookup = lookup;
    }

    /** The completion handlers to register with the server. */
    public List<SyncCompletionSpecification> specifications() {
        return List.of(
                new SyncCompletionSpecification(new McpSchema.PromptReference(ReportResources.PROMPT),
                        (ctx, request) -> complete(request)),
                new SyncCompletionSpecification(new McpSchema.ResourceReference(ReportResources.URI_TEMPLATE),
                        (ctx, request) -> complete(request)));
    }

    McpSchema.CompleteResult complete(McpSchema.CompleteRequest request) {
        McpSchema.CompleteRequest.CompleteArgument argument = request.argument();
        if (argument == null || !"symbol".equals(argument.name())) {
            return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.of(), 0, false));
        }
        String prefix = argument.value() == null ? "" : argument.value().trim().toUpperCase(Locale.ROOT);
        List<String> matches = lookup.configuredSymbols().stream().filter(s -> s.startsWith(prefix)).toList();
        List<String> page = matches.size() > MAX ? matches.subList(0, MAX) : matches;
        return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(page, matches.size(),
                matches.size() > page.size()));
    }
}
