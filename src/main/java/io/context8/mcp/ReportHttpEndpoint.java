package io.context8.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * {@code GET /get_report?symbol=BTCUSDT}: the same report as the MCP tool, for curl and dashboards. 200 with
 * the stored report JSON, or a JSON error body {@code {"error": code, "message": ...}} with 400
 * ({@code invalid_symbol}), 404 ({@code symbol_not_indexed}), 503 ({@code backend_unavailable}), 405 for other
 * methods.
 */
public class ReportHttpEndpoint {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ReportLookup lookup;
    private final Predicate<String> authorized;

    public ReportHttpEndpoint(ReportLookup lookup) {
        this(lookup, authorization -> true);
    }

    /** {@code authorized} judges the Authorization header (the MCP bearer token applies here too). */
    public ReportHttpEndpoint(ReportLookup lookup, Predicate<String> authorized) {
        this.lookup = lookup;
        this.authorized = authorized;
    }

    /** Camel adapter: platform-http puts query parameters into headers. */
    public HttpReply handle(Exchange exchange) {
        Message msg = exchange.getMessage();
        if (!authorized.test(msg.getHeader("Authorization", String.class))) {
            return errorReply(401, "unauthorized", "This server requires Authorization: Bearer <token>", null)
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        Object symbol = msg.getHeader("symbol");
        if (symbol instanceof List<?> values) {
            symbol = values.size() == 1 ? values.get(0) : null; // a repeated parameter is ambiguous
        }
        return handle(msg.getHeader(Exchange.HTTP_METHOD, String.class), symbol);
    }

    public HttpReply handle(String method, Object symbol) {
        if (!"GET".equalsIgnoreCase(method)) {
            return errorReply(405, "method_not_allowed", "Use GET /get_report?symbol=BTCUSDT", null)
                    .withHeader("Allow", "GET");
        }
        ReportLookup.Outcome outcome = lookup.lookup(symbol);
        if (outcome instanceof ReportLookup.Found found) {
            return HttpReply.json(200, found.reportJson());
        }
        ReportLookup.Failed failed = (ReportLookup.Failed) outcome;
        return errorReply(failed.error().httpStatus(), failed.error().code(), failed.message(), failed.symbol());
    }

    private static HttpReply errorReply(int status, String code, String message, String symbol) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (symbol != null) {
            body.put("symbol", symbol);
        }
        try {
            return HttpReply.json(status, MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserializable error body", e);
        }
    }
}
