package io.context8.mcp;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@link HttpReply} found in the message body as the HTTP response. The route removes all
 * request headers before this runs (platform-http would echo them, Authorization included), so the
 * response carries only what is set here.
 */
public class HttpReplyWriter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpReplyWriter.class);

    /** Route whose failures are answered as JSON-RPC errors; other routes get {@code {"error": ...}}. */
    static final String MCP_ROUTE_ID = "serve-mcp-http";

    public void write(Exchange exchange) {
        Message msg = exchange.getMessage();
        HttpReply reply = msg.getBody(HttpReply.class);
        if (reply == null) {
            reply = JsonRpcErrors.httpReply(500, JsonRpcErrors.INTERNAL_ERROR, "Internal error");
        }
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        msg.setHeader("Cache-Control", "no-store");
        if (reply.contentType() != null) {
            msg.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        }
        reply.headers().forEach(msg::setHeader);
        msg.setBody(reply.body());
    }

    /**
     * The serve-errors fallback: logs the exception and answers a generic 500 (a JSON-RPC error on the MCP
     * route, {@code {"error":"internal_error"}} elsewhere) that names nothing internal.
     */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Serving failed on route {}", exchange.getFromRouteId(), cause);
        HttpReply reply = MCP_ROUTE_ID.equals(exchange.getFromRouteId())
                ? JsonRpcErrors.httpReply(500, JsonRpcErrors.INTERNAL_ERROR, "Internal error")
                : HttpReply.json(500, "{\"error\":\"internal_error\",\"message\":\"The request could not be served.\"}");
        exchange.getMessage().setBody(reply);
        write(exchange);
    }
}
