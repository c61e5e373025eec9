package io.context8.mcp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may talk to the HTTP side: the bearer token ({@code context8.mcp.token}), browser origins
 * ({@code context8.mcp.allowed-origins}) and Host names ({@code context8.mcp.allowed-hosts}, against DNS
 * rebinding). Plain rules without HTTP types, shared by the servlet filter and the MCP endpoint.
 */
public final class HttpEdgePolicy {

    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Set<String> allowedOrigins;
    private final boolean anyOrigin;
    private final Set<String> allowedHosts;
    private final boolean anyHost;
    /** The configured token as bytes, or null when none is configured. */
    private final byte[] token;

    /**
     * @param boundAddress {@code server.address} (null or blank when unset; a wildcard address adds nothing)
     */
    public HttpEdgePolicy(McpProperties properties, String boundAddress) {
        List<String> origins = properties.allowedOrigins() == null ? List.of() : properties.allowedOrigins();
        this.anyOrigin = origins.contains("*");
        this.allowedOrigins = origins.stream().map(HttpEdgePolicy::normalizeOrigin)
                .collect(Collectors.toUnmodifiableSet());
        List<String> hosts = properties.allowedHosts() == null ? List.of() : properties.allowedHosts();
        this.anyHost = hosts.contains("*");
        Set<String> h = new HashSet<>(LOCAL_HOSTS);
        hosts.forEach(name -> h.add(hostName(name)));
        if (boundAddress != null && !boundAddress.isBlank()) {
            h.add(hostName(literal(boundAddress.trim())));
        }
        this.allowedHosts = Set.copyOf(h);
        String t = properties.token();
        this.token = t == null || t.isBlank() ? null : t.trim().getBytes(StandardCharsets.UTF_8);
    }

    public boolean tokenRequired() {
        return token != null;
    }

    /**
     * True when no token is configured or the header is {@code Bearer <token>}: the scheme is case-insensitive
     * (RFC 7235 section 2.1), one or more spaces follow it, and the token is compared in constant time.
     */
    public boolean authorized(String authorization) {
        if (token == null) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        String a = authorization.trim();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, a.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** Absent Origin (non-browser clients) and local origins are allowed; others must be listed. */
    public boolean originAllowed(String origin) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        if (anyOrigin || allowedOrigins.contains(normalizeOrigin(origin))) {
            return true;
        }
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            return host != null && uri.getRawUserInfo() == null
                    && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * True when the Host header (name with or without a port) is a local name, the bound address, the address
     * the connection came in on ({@code localAddress}, e.g. a container's IP that a probe uses), or a configured
     * name. An absent Host (HTTP/1.0) is allowed: a browser always sends one.
     */
    public boolean hostAllowed(String host, String localAddress) {
        if (host == null || anyHost) {
            return true;
        }
        String name = hostName(host);
        if (name.isEmpty()) {
            return false;
        }
        return allowedHosts.contains(name) || (localAddress != null && name.equals(hostName(literal(localAddress))));
    }

    /** The lower-case host part of a Host value: {@code [::1]:8080} gives {@code [::1]}, {@code a.b:80} {@code a.b}. */
    static String hostName(String hostAndPort) {
        String h = hostAndPort.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? "" : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** An IPv6 address in the bracketed form a Host header uses; other values unchanged. */
    private static String literal(String address) {
        return address.indexOf(':') >= 0 && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    private static String normalizeOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
