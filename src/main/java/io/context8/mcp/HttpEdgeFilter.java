package io.context8.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The first rules every HTTP request meets, on every path ({@code /mcp}, {@code /get_report}, {@code /actuator/*}):
 * <ol>
 *   <li>Host must be a local name, the bound address, the address the connection came in on, or a configured
 *       name (421): a page on {@code evil.example} that re-binds its name to 127.0.0.1 is refused;</li>
 *   <li>a browser Origin must be allowed, on every method (403);</li>
 *   <li>methods outside HTTP's usual set are 405 (the servlet default is 501), {@code GET /error} is 404;</li>
 *   <li>with a token, every Actuator endpoint but health needs it (401); health answers probes without it but
 *       shows details only to a caller with the token;</li>
 *   <li>form and multipart bodies on the serving paths are 415 (the container would parse them itself);</li>
 *   <li>until the serving routes have started (and once they stop), {@code /mcp} and {@code /get_report} answer
 *       503 with {@code Retry-After} instead of 404;</li>
 *   <li>a request refused by the full request executor is 503 with {@code Retry-After}, not 500.</li>
 * </ol>
 * Answers are JSON: JSON-RPC errors on {@code /mcp}, {@code {"error": ..., "message": ...}} elsewhere.
 */
public final class HttpEdgeFilter implements Filter {

    static final String MCP_PATH = "/mcp";
    static final String REPORT_PATH = "/get_report";
    static final String RETRY_AFTER_SECONDS = "1";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final HttpEdgePolicy policy;
    private final Predicate<String> servingReady;
    private final RejectionLog log = RejectionLog.shared();

    /**
     * @param servingReady whether the route behind a serving path ({@code /mcp}, {@code /get_report}) is started;
     *                     null when this process does not serve them (404 stays 404)
     */
    public HttpEdgeFilter(HttpEdgePolicy policy, Predicate<String> servingReady) {
        this.policy = policy;
        this.servingReady = servingReady;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getDispatcherType() == DispatcherType.REQUEST) {
            Reply reject = check(request);
            if (reject != null) {
                log.rejected(reject.status, request.getMethod(), request.getRequestURI(), reject.reason);
                write(request, response, reject);
                return;
            }
            if (path(request).startsWith("/actuator") && policy.authorized(request.getHeader("Authorization"))) {
                // health details are shown to an authorized caller only (show-details: when-authorized): anyone
                // without a token configured, only the token's holder with one
                request = new AuthorizedRequest(request);
            }
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!rejectedExecution(e) || response.isCommitted()) {
                throw e;
            }
            Reply busy = new Reply(503, "overloaded", "Server busy: retry shortly", "request executor full");
            log.rejected(busy.status, request.getMethod(), request.getRequestURI(), busy.reason);
            write(request, response, busy);
        }
    }

    /** The refusal of a request, or null when it may go on. */
    Reply check(HttpServletRequest request) {
        if (!policy.hostAllowed(request.getHeader("Host"), request.getLocalAddr())) {
            return new Reply(421, "host_not_allowed", "Misdirected request: Host not served here", "Host not allowed");
        }
        if (!policy.originAllowed(request.getHeader("Origin"))) {
            return new Reply(403, "origin_not_allowed", "Forbidden: origin not allowed", "Origin not allowed");
        }
        String path = path(request);
        if (!METHODS.contains(request.getMethod())) {
            return new Reply(405, "method_not_allowed", "Method not allowed", "unknown method")
                    .header("Allow", path.equals(MCP_PATH) ? "POST" : "GET");
        }
        if (path.equals("/error")) {
            return new Reply(404, "not_found", "Not found", "/error requested");
        }
        if (policy.tokenRequired() && path.startsWith("/actuator") && !isHealth(path)
                && !policy.authorized(request.getHeader("Authorization"))) {
            return new Reply(401, "unauthorized", "This endpoint requires Authorization: Bearer <token>",
                    "no valid token").header("WWW-Authenticate", "Bearer");
        }
        if (!concreteMediaType(request.getContentType())) {
            // Spring MVC fails on a wildcard or unparseable Content-Type with a 500
            return new Reply(415, "unsupported_media_type", "Unsupported media type: unparseable Content-Type",
                    "bad Content-Type");
        }
        boolean serving = path.equals(MCP_PATH) || path.equals(REPORT_PATH);
        if (serving && formBody(request.getContentType())) {
            return new Reply(415, "unsupported_media_type", "Unsupported media type: use application/json",
                    "form body");
        }
        if (serving && "HEAD".equals(request.getMethod())) {
            return new Reply(405, "method_not_allowed", "Method not allowed", "HEAD on a serving path")
                    .header("Allow", path.equals(MCP_PATH) ? "POST" : "GET");
        }
        if (!parseableAccept(request.getHeader("Accept"))) {
            // Spring MVC would fail on it after platform-http had started the exchange
            return new Reply(406, "not_acceptable", "Not acceptable: the Accept header cannot be parsed",
                    "unparseable Accept");
        }
        if (serving && servingReady != null && !servingReady.test(path)) {
            return new Reply(503, "starting", "Not ready: the serving routes are starting or stopping",
                    "routes not started").header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return null;
    }

    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String p = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length())
                : uri;
        int semicolon = p.indexOf(';');
        return semicolon < 0 ? p : p.substring(0, semicolon);
    }

    private static boolean concreteMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean parseableAccept(String accept) {
        try {
            for (MediaType t : MediaType.parseMediaTypes(accept)) {
                t.getQualityValue();
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isHealth(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    private static boolean formBody(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/");
    }

    private static boolean rejectedExecution(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes a refusal as JSON with {@code Cache-Control: no-store}; 408 and 413 also close the connection (the
     * container reads and drops an unread body of other refusals, so the client sees the answer, not a reset).
     */
    static void write(HttpServletRequest request, HttpServletResponse response, Reply reply) throws IOException {
        response.resetBuffer();
        response.setStatus(reply.status);
        response.setContentType(HttpReply.APPLICATION_JSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (reply.status == 408 || reply.status == 413) {
            // the rest of the body is not worth waiting for: close instead of reading it
            response.setHeader("Connection", "close");
        }
        if (reply.headerName != null) {
            response.setHeader(reply.headerName, reply.headerValue);
        }
        byte[] body = body(path(request), reply).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
        response.flushBuffer();
    }

    static String body(String path, Reply reply) {
        if (path.equals(MCP_PATH)) {
            int code = reply.status == 503 ? JsonRpcErrors.INTERNAL_ERROR
                    : reply.status == 400 ? JsonRpcErrors.PARSE_ERROR : JsonRpcErrors.INVALID_REQUEST;
            return JsonRpcErrors.toJson(JsonRpcErrors.error(null, code, reply.message));
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("error", reply.code);
        o.put("message", reply.message);
        return JsonRpcErrors.toJson(o);
    }

    /**
     * A refusal: HTTP status, error code (plain-HTTP paths), message for the client, reason for the log, one
     * extra header.
     */
    record Reply(int status, String code, String message, String reason, String headerName, String headerValue) {

        Reply(int status, String code, String message, String reason) {
            this(status, code, message, reason, null, null);
        }

        Reply header(String name, String value) {
            return new Reply(status, code, message, reason, name, value);
        }
    }

    /** A request carrying the token (or any request when none is configured): a principal for the Actuator. */
    private static final class AuthorizedRequest extends HttpServletRequestWrapper {

        private static final Principal OPERATOR = () -> "context8-operator";

        AuthorizedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return OPERATOR;
        }
    }
}
