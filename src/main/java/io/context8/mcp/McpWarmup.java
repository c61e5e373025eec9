package io.context8.mcp;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Runs initialize, tools/list and a rejected tools/call through the MCP endpoint in-process once the
 * application is ready, so that the first client request does not pay for class loading (about 1 s cold).
 * One call uses an invalid symbol (the tool path without the store); list_symbols then reads the store once, so
 * that the Redis connection exists before the first client call (a failure there is only a tool error).
 */
public class McpWarmup implements ApplicationListener<ApplicationReadyEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(McpWarmup.class);

    static final List<String> REQUESTS = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":\"warmup-1\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                    + RouteServerTransport.PROTOCOL_VERSIONS.get(RouteServerTransport.PROTOCOL_VERSIONS.size() - 1)
                    + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"context8-warmup\",\"version\":\"0\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"warmup-2\",\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"warmup-3\",\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + ReportTool.NAME + "\",\"arguments\":{\"symbol\":\"warm-up\"}}}",
            // reads every configured symbol's report: opens the Redis connection, which would otherwise be
            // opened inside the first client's call and its 100 ms command timeout
            "{\"jsonrpc\":\"2.0\",\"id\":\"warmup-4\",\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"list_symbols\",\"arguments\":{}}}");

    private final McpHttpEndpoint endpoint;
    private volatile boolean succeeded;

    public McpWarmup(McpHttpEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        long start = System.nanoTime();
        try {
            List<HttpReply> replies = endpoint.warmUp(REQUESTS);
            boolean ok = replies.stream().allMatch(r -> r.status() == 200 || r.status() == 202);
            succeeded = ok;
            LOG.info("MCP endpoint warmed up in {} ms{}", (System.nanoTime() - start) / 1_000_000,
                    ok ? "" : " (unexpected replies: " + replies + ")");
        } catch (RuntimeException e) {
            LOG.warn("MCP warm-up failed: {}", e.toString());
        }
    }

    /** First among the ready listeners: the stdio server starts reading only after the warm-up. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** True once a warm-up ran and every reply was 200 or 202. */
    public boolean succeeded() {
        return succeeded;
    }
}
