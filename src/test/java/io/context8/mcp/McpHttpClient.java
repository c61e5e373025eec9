package io.context8.mcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Raw HTTP against the serving routes, the way an MCP client talks to them. Every request carries an
 * {@code Authorization} and an {@code X-Secret} header, and every response is kept so that tests can check
 * that none echoes a request header or leaks Java internals.
 */
final class McpHttpClient {

    static final String SECRET = "s3cr3t-token-value";
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final List<HttpResponse<String>> seen = Collections.synchronizedList(new ArrayList<>());

    McpHttpClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A well-formed MCP POST with the given extra headers (name, value pairs; a null value drops a default). */
    HttpResponse<String> post(String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json, text/event-stream");
        h.put("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return send("POST", "/mcp", body, h);
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        // secrets every request carries (a null value in headers drops one), checked never to come back
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", "Bearer " + SECRET);
        all.put("X-Secret", SECRET);
        all.putAll(headers);
        all.forEach((k, v) -> {
            if (v != null) {
                b.setHeader(k, v);
            }
        });
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            seen.add(r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, Map.of());
    }

    /** The responses received since the last call. */
    List<HttpResponse<String>> drain() {
        synchronized (seen) {
            List<HttpResponse<String>> copy = List.copyOf(seen);
            seen.clear();
            return copy;
        }
    }

    static String request(Object id, String method, String paramsJson) {
        String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"" + method + "\""
                + (paramsJson == null ? "" : ",\"params\":" + paramsJson) + "}";
    }

    static String callGetReport(int id, String argumentsJson) {
        return request(id, "tools/call", "{\"name\":\"get_report\",\"arguments\":" + argumentsJson + "}");
    }

    /**
     * JSON equality with numbers compared by value: JavaScript writes {@code 98100.0} as {@code 98100}, which
     * Jackson would otherwise read as a different node type.
     */
    static boolean sameJson(JsonNode a, JsonNode b) {
        return a != null && b != null && a.equals((x, y) -> {
            if (x.isNumber() && y.isNumber()) {
                return x.decimalValue().compareTo(y.decimalValue());
            }
            return x.equals(y) ? 0 : 1;
        }, b);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }
}
