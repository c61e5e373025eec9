package io.context8.mcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The Streamable HTTP rules of the MCP endpoint, for a stateless server answering with JSON (no SSE): POST
 * only (405 + {@code Allow}), Origin check (403), {@code MCP-Protocol-Version} (400), Accept (406),
 * Content-Type (415), body size (413), JSON-RPC parsing (400, -32700/-32600), notifications and client
 * responses (202, empty body). Requests go to the SDK through {@link RouteServerTransport}.
 * <p>
 * Error bodies are JSON-RPC errors (id null where none is known); no response carries an exception message
 * or a class name: internal failures are logged and answered with a generic text.
 */
public class McpHttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(McpHttpEndpoint.class);

    static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";
    /** The first protocol revision without JSON-RPC batching. */
    static final String NO_BATCHES_FROM = "2025-06-18";
    /** Methods whose params are required, with the fields that must be strings, and those that must be objects. */
    private static final Map<String, List<String>> REQUIRED_STRINGS = Map.of(
            "initialize", List.of("protocolVersion"), "tools/call", List.of("name"),
            "resources/read", List.of("uri"), "prompts/get", List.of("name"),
            "completion/complete", List.of("/ref/type", "/argument/name"));
    private static final Map<String, List<String>> OPTIONAL_OBJECTS = Map.of(
            "initialize", List.of("capabilities", "clientInfo"), "tools/call", List.of("arguments"),
            "prompts/get", List.of("arguments"));

    private final RouteServerTransport transport;
    private final ObjectMapper mapper;
    private final long maxRequestBytes;
    private final int maxBatchItems;
    private final long maxBatchResponseBytes;
    private final HttpEdgePolicy policy;
    private final McpRequestMetrics requests;
    /** The Authorization header the in-process warm-up sends (null without a token). */
    private final String warmUpAuthorization;
    private final RejectionLog rejections = RejectionLog.shared();

    public McpHttpEndpoint(RouteServerTransport transport, McpProperties properties) {
        this(transport, properties, McpRequestMetrics.NONE);
    }

    public McpHttpEndpoint(RouteServerTransport transport, McpProperties properties, McpRequestMetrics requests) {
        this.transport = transport;
        this.requests = requests;
        // its own mapper: duplicate keys are a parse error, numbers stay exact for ids
        // and BigDecimal numbers (the tools' decimals) as plain text, never 9E-8
        this.mapper = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
        this.maxRequestBytes = properties.maxRequestBytes().toBytes();
        this.maxBatchItems = properties.maxBatchItems();
        this.maxBatchResponseBytes = properties.maxBatchResponseBytes().toBytes();
        this.policy = new HttpEdgePolicy(properties, null);
        String token = properties.token();
        this.warmUpAuthorization = token == null || token.isBlank() ? null : "Bearer " + token.trim();
    }

    /** Camel adapter: reads method, headers and body of the platform-http request. */
    public HttpReply handle(Exchange exchange) {
        Message msg = exchange.getMessage();
        // the raw bytes read by RequestBodyPrefetchFilter (platform-http's body is already decoded text)
        byte[] raw = msg instanceof PlatformHttpMessage http
                && http.getRequest().getAttribute(RequestBodyPrefetchFilter.BODY_ATTRIBUTE) instanceof byte[] b ? b : null;
        return handle(msg.getHeader(Exchange.HTTP_METHOD, String.class),
                name -> msg.getHeader(name, String.class),
                () -> raw != null ? new ByteArrayInputStream(raw) : msg.getBody(InputStream.class));
    }

    /**
     * Applies the HTTP rules and dispatches the body.
     *
     * @param method HTTP method
     * @param header request header by (case-insensitive) name, null when absent
     * @param body   the request body, opened only once the headers passed; null means empty
     */
    public HttpReply handle(String method, UnaryOperator<String> header, Supplier<InputStream> body) {
        try {
            return process(method, header, body);
        } catch (RuntimeException e) {
            LOG.error("MCP request failed", e);
            return JsonRpcErrors.httpReply(500, JsonRpcErrors.INTERNAL_ERROR, "Internal error");
        }
    }

    private HttpReply process(String method, UnaryOperator<String> header, Supplier<InputStream> body) {
        if (!authorized(header.apply("Authorization"))) {
            return JsonRpcErrors.httpReply(401, JsonRpcErrors.INVALID_REQUEST,
                    "Unauthorized: this server requires Authorization: Bearer <token>")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        if (!"POST".equalsIgnoreCase(method)) {
            return JsonRpcErrors.httpReply(405, JsonRpcErrors.INVALID_REQUEST,
                    "Method not allowed: this stateless MCP endpoint accepts POST only").withHeader("Allow", "POST");
        }
        if (!originAllowed(header.apply("Origin"))) {
            return JsonRpcErrors.httpReply(403, JsonRpcErrors.INVALID_REQUEST, "Forbidden: origin not allowed");
        }
        if (!acceptsJson(header.apply("Accept"))) {
            return JsonRpcErrors.httpReply(406, JsonRpcErrors.INVALID_REQUEST,
                    "Not acceptable: the Accept header must allow application/json");
        }
        if (!isJson(header.apply("Content-Type"))) {
            return JsonRpcErrors.httpReply(415, JsonRpcErrors.INVALID_REQUEST,
                    "Unsupported media type: Content-Type must be application/json");
        }
        String version = header.apply(PROTOCOL_VERSION_HEADER);
        if (version != null && !RouteServerTransport.PROTOCOL_VERSIONS.contains(version.trim())) {
            return JsonRpcErrors.httpReply(400, JsonRpcErrors.INVALID_REQUEST,
                    "Bad Request: unsupported MCP-Protocol-Version; supported: "
                            + String.join(", ", RouteServerTransport.PROTOCOL_VERSIONS));
        }
        if (declaredLength(header.apply("Content-Length")) > maxRequestBytes) {
            return tooLarge();
        }
        if (transport.isClosing()) {
            return JsonRpcErrors.httpReply(503, JsonRpcErrors.INTERNAL_ERROR, "Server is shutting down");
        }
        byte[] bytes;
        try (InputStream in = body.get()) {
            bytes = in == null ? new byte[0] : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxRequestBytes + 1));
        } catch (IOException e) {
            LOG.debug("Cannot read MCP request body: {}", e.getMessage());
            return JsonRpcErrors.httpReply(400, JsonRpcErrors.PARSE_ERROR, "Parse error: unreadable body");
        }
        if (bytes.length > maxRequestBytes) {
            return tooLarge();
        }
        boolean batchesAllowed = version == null || version.trim().compareTo(NO_BATCHES_FROM) < 0;
        return dispatchBody(bytes, batchesAllowed);
    }

    /**
     * One message (or batch) from a transport without HTTP, e.g. stdio: the JSON-RPC response text, or null when
     * there is nothing to answer (notifications, client responses).
     */
    public String handleMessage(byte[] bytes) {
        HttpReply reply;
        try {
            reply = bytes.length > maxRequestBytes ? tooLarge() : dispatchBody(bytes, true);
        } catch (RuntimeException e) {
            LOG.error("MCP message failed", e);
            reply = JsonRpcErrors.httpReply(500, JsonRpcErrors.INTERNAL_ERROR, "Internal error");
        }
        return reply.body() == null || reply.body().isEmpty() ? null : reply.body();
    }

    /** True when no token is configured or the header carries it ({@link HttpEdgePolicy#authorized}). */
    public boolean authorized(String authorization) {
        return policy.authorized(authorization);
    }

    /** @param batchesAllowed false under protocol revisions without batching (2025-06-18 and later) */
    private HttpReply dispatchBody(byte[] bytes, boolean batchesAllowed) {
        JsonNode root;
        try {
            root = bytes.length == 0 ? null : mapper.readTree(bytes);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || root.isMissingNode()) {
            return rejected(400, JsonRpcErrors.PARSE_ERROR, "Parse error: the body is not valid JSON");
        }
        if (root.isArray() && !batchesAllowed) {
            return rejected(400, JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: JSON-RPC batches are not part of MCP since " + NO_BATCHES_FROM);
        }
        return root.isArray() ? batch((ArrayNode) root) : single(root);
    }

    /** A 4xx answer, logged as one rate-limited line. */
    private HttpReply rejected(int status, int code, String message) {
        rejections.rejected(status, "POST", "/mcp", message);
        return JsonRpcErrors.httpReply(status, code, message);
    }

    private HttpReply tooLarge() {
        return rejected(413, JsonRpcErrors.INVALID_REQUEST,
                "Payload too large: at most " + maxRequestBytes + " bytes");
    }

    private HttpReply single(JsonNode message) {
        Dispatched d = metered(message);
        if (d.response == null) {
            return HttpReply.empty(202);
        }
        return HttpReply.json(d.badRequest ? 400 : 200, d.response);
    }

    /**
     * JSON-RPC batches (protocol 2025-03-26 only): at most {@code maxBatchItems} messages, one response per request,
     * 202 when there are none. Once the reply has reached {@code maxBatchResponseBytes}, the remaining requests are
     * not run and are answered with an error each.
     */
    private HttpReply batch(ArrayNode messages) {
        if (messages.isEmpty()) {
            return rejected(400, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: empty batch");
        }
        if (messages.size() > maxBatchItems) {
            return rejected(400, JsonRpcErrors.INVALID_REQUEST,
                    "Invalid Request: at most " + maxBatchItems + " messages per batch");
        }
        StringJoiner responses = new StringJoiner(",", "[", "]");
        int count = 0;
        long size = 0;
        for (JsonNode m : messages) {
            Dispatched d;
            if (size >= maxBatchResponseBytes && m.isObject() && m.hasNonNull("id") && m.has("method")) {
                d = new Dispatched(JsonRpcErrors.error(m.get("id").isValueNode() ? m.get("id") : null,
                        JsonRpcErrors.INVALID_REQUEST, "Invalid Request: batch reply limit of "
                                + maxBatchResponseBytes + " bytes reached; send this request again"), true);
            } else {
                d = metered(m);
            }
            if (d.response != null) {
                responses.add(d.response);
                size += d.response.length();
                count++;
            }
        }
        return count == 0 ? HttpReply.empty(202) : HttpReply.json(200, responses.toString());
    }

    /** A response to send as JSON text (null: nothing to answer) and whether the message itself was malformed. */
    private record Dispatched(String response, boolean badRequest) {

        Dispatched(JsonNode response, boolean badRequest) {
            this(JsonRpcErrors.toJson(response), badRequest);
        }
    }

    /** {@link #dispatch} with one observation in the MCP request metrics. */
    private Dispatched metered(JsonNode message) {
        long t0 = System.nanoTime();
        Dispatched d = dispatch(message);
        JsonNode method = message.get("method");
        String r = d.response;
        // the response text: {"jsonrpc":"2.0","id":..,"result":{..}} or {..,"error":{..}}; key names inside
        // string values are escaped (\"result\"), so these searches only match the response's own keys
        String status = r == null ? "ok" : d.badRequest ? "invalid" : r.indexOf("\"result\":") < 0 ? "error"
                : r.contains("\"isError\":true") ? "tool_error" : "ok";
        requests.record(method != null && method.isTextual() ? method.asText() : null, status, System.nanoTime() - t0);
        return d;
    }

    private Dispatched dispatch(JsonNode message) {
        if (!message.isObject()) {
            return invalid(null, "Invalid Request: not a JSON-RPC message object");
        }
        JsonNode id = message.get("id");
        JsonNode usableId = id != null && (id.isTextual() || id.isInt() || id.isLong()) ? id : null;
        JsonNode jsonrpc = message.get("jsonrpc");
        if (jsonrpc == null || !jsonrpc.isTextual() || !McpSchema.JSONRPC_VERSION.equals(jsonrpc.asText())) {
            return invalid(usableId, "Invalid Request: jsonrpc must be \"2.0\"");
        }
        JsonNode method = message.get("method");
        if (method == null) {
            if (id != null && (message.has("result") || message.has("error"))) {
                return new Dispatched((String) null, false); // a response from the client: nothing to do, 202
            }
            return invalid(usableId, "Invalid Request: missing method");
        }
        if (!method.isTextual()) {
            return invalid(usableId, "Invalid Request: method must be a string");
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            return usableId == null ? new Dispatched((String) null, false)
                    : new Dispatched(JsonRpcErrors.error(usableId, JsonRpcErrors.INVALID_PARAMS,
                            "Invalid params: params must be an object"), false);
        }
        String missing = invalidParams(method.asText(), params);
        if (missing != null) {
            return usableId == null ? new Dispatched((String) null, false)
                    : new Dispatched(JsonRpcErrors.error(usableId, JsonRpcErrors.INVALID_PARAMS,
                            "Invalid params: " + missing), false);
        }
        Object paramsValue = params == null || params.isNull() ? null : mapper.convertValue(params, Map.class);
        if (id == null) {
            transport.handleNotification(new McpSchema.JSONRPCNotification(
                    McpSchema.JSONRPC_VERSION, method.asText(), paramsValue));
            return new Dispatched((String) null, false);
        }
        if (usableId == null) {
            return invalid(null, "Invalid Request: id must be a string or an integer");
        }
        Object idValue = usableId.isTextual() ? usableId.asText()
                : usableId.isInt() ? (Object) usableId.intValue() : (Object) usableId.longValue();
        McpSchema.JSONRPCResponse response;
        try {
            response = transport.handleRequest(
                    new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, method.asText(), idValue, paramsValue));
        } catch (IllegalArgumentException e) {
            // the SDK maps params onto its request records before its own error handling starts
            LOG.debug("MCP {} rejected: {}", method.asText(), e.getMessage());
            return new Dispatched(JsonRpcErrors.error(usableId, JsonRpcErrors.INVALID_PARAMS,
                    "Invalid params for " + method.asText()), false);
        } catch (RuntimeException e) {
            LOG.error("MCP {} failed", method.asText(), e);
            return new Dispatched(JsonRpcErrors.error(usableId, JsonRpcErrors.INTERNAL_ERROR, "Internal error"), false);
        }
        return new Dispatched(sanitize(usableId, response), false);
    }

    /**
     * What is wrong with the params of a method that needs them (the SDK would fail on them with an internal
     * error), or null when they are fine or the method is not one of those.
     */
    static String invalidParams(String method, JsonNode params) {
        List<String> strings = REQUIRED_STRINGS.get(method);
        if (strings == null) {
            return null;
        }
        if (params == null || !params.isObject()) {
            return method + " requires params";
        }
        for (String field : strings) {
            // a field, or a JSON pointer into the params for a nested one
            if (!(field.startsWith("/") ? params.at(field) : params.path(field)).isTextual()) {
                return (field.startsWith("/") ? field.substring(1).replace('/', '.') : field) + " must be a string";
            }
        }
        for (String field : OPTIONAL_OBJECTS.getOrDefault(method, List.of())) {
            JsonNode v = params.get(field);
            if (v != null && !v.isNull() && !v.isObject()) {
                return field + " must be an object";
            }
        }
        return null;
    }

    private static Dispatched invalid(JsonNode id, String message) {
        return new Dispatched(JsonRpcErrors.error(id, JsonRpcErrors.INVALID_REQUEST, message), true);
    }

    /**
     * The SDK's response as a tree, with internal error details removed: the SDK puts exception messages
     * (which can name Java classes) into -32603 errors.
     */
    private String sanitize(JsonNode id, McpSchema.JSONRPCResponse response) {
        if (response == null) {
            return JsonRpcErrors.toJson(JsonRpcErrors.error(id, JsonRpcErrors.INTERNAL_ERROR, "Internal error"));
        }
        if (response.error() == null) {
            // results are written straight to text (no intermediate tree): the hot path of every tool call
            try {
                return mapper.writeValueAsString(response);
            } catch (IOException e) {
                LOG.error("MCP response {} not serializable", id, e);
                return JsonRpcErrors.toJson(JsonRpcErrors.error(id, JsonRpcErrors.INTERNAL_ERROR, "Internal error"));
            }
        }
        ObjectNode tree = mapper.valueToTree(response);
        JsonNode error = tree.get("error");
        if (error instanceof ObjectNode err) {
            int code = err.path("code").asInt(JsonRpcErrors.INTERNAL_ERROR);
            String text = err.path("message").asText("") + " " + err.path("data").toString();
            if (code == JsonRpcErrors.INTERNAL_ERROR || leaksInternals(text)) {
                LOG.warn("MCP request {} failed: {}", id, text);
                err.put("message", code == JsonRpcErrors.INVALID_PARAMS ? "Invalid params" : "Internal error");
                err.remove("data");
            }
        }
        return JsonRpcErrors.toJson(tree);
    }

    static boolean leaksInternals(String text) {
        return text.contains("Exception") || text.contains("java.") || text.contains("com.fasterxml")
                || text.contains("io.modelcontextprotocol") || text.contains("\tat ");
    }

    /** Absent Origin (non-browser clients) and local origins are allowed; others must be listed. */
    boolean originAllowed(String origin) {
        return policy.originAllowed(origin);
    }

    /** True when the Accept header is absent or lists application/json, application/* or * / * with q > 0. */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!type.equals("application/json") && !type.equals("application/*") && !type.equals("*/*")) {
                continue;
            }
            if (!zeroQuality(parts)) {
                return true;
            }
        }
        return false;
    }

    private static boolean zeroQuality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2).trim()) <= 0.0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static long declaredLength(String contentLength) {
        if (contentLength == null) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Exercised by the warm-up: runs a request through every rule and the SDK, in-process. */
    List<HttpReply> warmUp(List<String> bodies) {
        List<HttpReply> replies = new ArrayList<>();
        for (String b : bodies) {
            byte[] bytes = b.getBytes(StandardCharsets.UTF_8);
            replies.add(handle("POST", name -> switch (name) {
                case "Accept" -> "application/json, text/event-stream";
                case "Content-Type" -> "application/json";
                case "Authorization" -> warmUpAuthorization;
                default -> null;
            }, () -> new ByteArrayInputStream(bytes)));
        }
        return replies;
    }
}
