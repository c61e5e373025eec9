package io.context8.mcp;

import java.time.Duration;
import java.util.List;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.spec.ProtocolVersions;
import reactor.core.publisher.Mono;

/**
 * The SDK's stateless transport SPI, driven by a Camel route instead of a servlet: the SDK hands us its
 * handler ({@link #setMcpHandler}) and {@link McpHttpEndpoint} feeds it one JSON-RPC message at a time. All
 * HTTP rules live in the endpoint; this class only bridges to the reactive handler and blocks (the server
 * is built with {@code immediateExecution(true)}, so the tool runs on the calling request thread).
 */
public final class RouteServerTransport implements McpStatelessServerTransport {

    /** Protocol revisions served, oldest first (the SDK answers an unknown one with the last). */
    public static final List<String> PROTOCOL_VERSIONS = List.of(
            ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_11_25);

    /** Upper bound on one request; the report reader has its own, much shorter, timeout. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private volatile McpStatelessServerHandler handler;
    private volatile boolean closing;

    @Override
    public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
        this.handler = mcpHandler;
    }

    @Override
    public List<String> protocolVersions() {
        return PROTOCOL_VERSIONS;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(() -> closing = true);
    }

    /** True once the server is shutting down; the endpoint answers 503. */
    public boolean isClosing() {
        return closing || handler == null;
    }

    /** Runs one request through the SDK; never returns null. */
    McpSchema.JSONRPCResponse handleRequest(McpSchema.JSONRPCRequest request) {
        McpTransportContext context = McpTransportContext.EMPTY;
        return handler.handleRequest(context, request)
                .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                .block(REQUEST_TIMEOUT);
    }

    /** Runs one notification through the SDK (unknown ones are ignored by it). */
    void handleNotification(McpSchema.JSONRPCNotification notification) {
        McpTransportContext context = McpTransportContext.EMPTY;
        handler.handleNotification(context, notification)
                .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                .block(REQUEST_TIMEOUT);
    }
}
