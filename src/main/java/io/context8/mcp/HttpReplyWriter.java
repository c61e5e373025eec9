package io.context8.mcp;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes the {@link HttpReply} found in the message body as the HTTP response. The route removes all
 * request headers before this runs (platform-http would echo them, Authorization included), so the
 * response carries only what is set here.
 */
public class HttpReplyWriter {

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
}
