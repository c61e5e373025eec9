package io.context8.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** The two result shapes every context8 tool returns. */
final class ToolResults {

    private ToolResults() {
    }

    /** {@code structuredContent} plus the same JSON as text. */
    static CallToolResult success(McpJsonMapper json, Map<String, Object> structured) {
        return CallToolResult.builder()
                .structuredContent(structured)
                .addTextContent(write(json, structured))
                .isError(false)
                .build();
    }

    /**
     * A tool error whose text is {@code {"error": code, "message": ..., "symbol": ...}} and whose {@code _meta}
     * carries the code; no {@code structuredContent} (clients validate it against the output schema even when
     * {@code isError} is true).
     */
    static CallToolResult error(McpJsonMapper json, ReportError error, String message, String symbol) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", message);
        if (symbol != null) {
            body.put("symbol", symbol);
        }
        return CallToolResult.builder()
                .addTextContent(write(json, body))
                .isError(true)
                .meta(Map.of(ReportTool.META_ERROR, error.code()))
                .build();
    }

    private static String write(McpJsonMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
