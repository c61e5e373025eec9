package io.context8.mcp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer computed by a serving bean, written to the Camel message by {@link HttpReplyWriter} once
 * every request header has been removed.
 *
 * @param status      HTTP status code
 * @param contentType media type of {@code body}, or null for an empty body
 * @param headers     extra response headers (e.g. {@code Allow})
 * @param body        response text; empty for 202
 */
public record HttpReply(int status, String contentType, Map<String, String> headers, String body) {

    public static final String APPLICATION_JSON = "application/json";

    public static HttpReply json(int status, String body) {
        return new HttpReply(status, APPLICATION_JSON, Map.of(), body);
    }

    public static HttpReply empty(int status) {
        return new HttpReply(status, null, Map.of(), "");
    }

    public HttpReply withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpReply(status, contentType, Map.copyOf(copy), body);
    }
}
