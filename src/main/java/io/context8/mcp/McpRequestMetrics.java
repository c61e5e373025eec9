package io.context8.mcp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * MCP request meters: {@code context8_mcp_requests_total{method,status}} and the histogram
 * {@code context8_mcp_request_duration_ms{method}}, one observation per JSON-RPC message handled by the MCP
 * endpoint. {@code method} is one of {@link #METHODS} or {@code other} (a client cannot grow the label set);
 * {@code status} is {@code ok}, {@code tool_error} (a tool result with {@code isError: true}), {@code error}
 * (a JSON-RPC error response) or {@code invalid} (not a valid JSON-RPC message). Every meter is registered at
 * construction; recording allocates nothing.
 */
public final class McpRequestMetrics {

    /** Records nothing. */
    public static final McpRequestMetrics NONE = new McpRequestMetrics(null);

    public static final List<String> METHODS = List.of("initialize", "ping", "tools/list", "tools/call",
            "notifications/initialized", "notifications/cancelled", "resources/list", "resources/templates/list",
            "resources/read", "prompts/list", "prompts/get", "other");
    public static final List<String> STATUSES = List.of("ok", "tool_error", "error", "invalid");

    private final Map<String, Counter[]> requests = new HashMap<>();
    private final Map<String, DistributionSummary> durations = new HashMap<>();

    public McpRequestMetrics(MeterRegistry meters) {
        if (meters == null) {
            return;
        }
        for (String m : METHODS) {
            Counter[] byStatus = new Counter[STATUSES.size()];
            for (int i = 0; i < byStatus.length; i++) {
                byStatus[i] = Counter.builder("context8.mcp.requests").description("MCP JSON-RPC messages handled")
                        .tag("method", m).tag("status", STATUSES.get(i)).register(meters);
            }
            requests.put(m, byStatus);
            durations.put(m, DistributionSummary.builder("context8.mcp.request.duration.ms")
                    .description("Time to handle one MCP JSON-RPC message, in ms")
                    .tag("method", m)
                    .serviceLevelObjectives(0.5, 1, 2, 5, 10, 25, 50, 100, 150, 250, 500, 1000)
                    .register(meters));
        }
    }

    /**
     * @param method JSON-RPC method as sent (null when the message had none)
     * @param status one of {@link #STATUSES}
     */
    public void record(String method, String status, long nanos) {
        if (requests.isEmpty()) {
            return;
        }
        String m = method != null && requests.containsKey(method) ? method : "other";
        int s = STATUSES.indexOf(status);
        requests.get(m)[s < 0 ? STATUSES.indexOf("error") : s].increment();
        durations.get(m).record(nanos / 1e6);
    }
}
