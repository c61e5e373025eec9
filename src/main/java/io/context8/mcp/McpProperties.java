package io.context8.mcp;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Typed view of the {@code context8.mcp.*} keys (documented in {@code application.yaml}).
 *
 * @param allowedOrigins        browser origins allowed besides localhost/127.0.0.1/[::1] (exact
 *                              {@code scheme://host[:port]}, or {@code *} for any); requests without an Origin are
 *                              allowed
 * @param maxRequestBytes       largest accepted request body (413 above it)
 * @param token                 bearer token required on HTTP ({@code Authorization: Bearer <token>}, else 401);
 *                              blank = no authentication. Only from the environment ({@code CONTEXT8_MCP_TOKEN})
 * @param transport             {@code http} (Streamable HTTP at /mcp) or {@code stdio} (set by the {@code --stdio}
 *                              flag)
 * @param allowedHosts          Host header names accepted besides the bound address, the address the connection
 *                              came in on, localhost, 127.0.0.1 and [::1] (any port); {@code *} accepts any
 * @param bodyReadTimeout       longest time a client may take to send a whole request body (408 after it)
 * @param maxBatchItems         most messages in one JSON-RPC batch (protocol 2025-03-26 only)
 * @param maxBatchResponseBytes largest batch reply; the requests beyond it are answered with an error, not run
 */
@ConfigurationProperties("context8.mcp")
public record McpProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("1MB") DataSize maxRequestBytes,
        @DefaultValue("") String token,
        @DefaultValue("http") String transport,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("5s") Duration bodyReadTimeout,
        @DefaultValue("50") int maxBatchItems,
        @DefaultValue("4MB") DataSize maxBatchResponseBytes) {

    @Override
    public String toString() {
        return "McpProperties[allowedOrigins=" + allowedOrigins + ", maxRequestBytes=" + maxRequestBytes
                + ", token=" + (token == null || token.isBlank() ? "(none)" : "(set)") + ", transport=" + transport
                + ", allowedHosts=" + allowedHosts + ", bodyReadTimeout=" + bodyReadTimeout + ", maxBatchItems="
                + maxBatchItems + ", maxBatchResponseBytes=" + maxBatchResponseBytes + "]";
    }
}
