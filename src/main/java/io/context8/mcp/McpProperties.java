package io.context8.mcp;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Typed view of the {@code context8.mcp.*} keys (documented in {@code application.yaml}).
 *
 * @param allowedOrigins  browser origins allowed besides localhost/127.0.0.1/[::1] (exact
 *                        {@code scheme://host[:port]}, or {@code *} for any); requests without an Origin are allowed
 * @param maxRequestBytes largest accepted JSON-RPC request body (413 above it)
 * @param token           bearer token required on HTTP ({@code Authorization: Bearer <token>}, else 401); blank =
 *                        no authentication. Only from the environment ({@code CONTEXT8_MCP_TOKEN})
 * @param transport       {@code http} (Streamable HTTP at /mcp) or {@code stdio} (set by the {@code --stdio} flag)
 */
@ConfigurationProperties("context8.mcp")
public record McpProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("1MB") DataSize maxRequestBytes,
        @DefaultValue("") String token,
        @DefaultValue("http") String transport) {

    @Override
    public String toString() {
        return "McpProperties[allowedOrigins=" + allowedOrigins + ", maxRequestBytes=" + maxRequestBytes
                + ", token=" + (token == null || token.isBlank() ? "(none)" : "(set)") + ", transport=" + transport + "]";
    }
}
