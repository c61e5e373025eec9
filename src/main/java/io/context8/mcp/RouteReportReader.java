package io.context8.mcp;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Reads reports through the {@code read-report} route ({@code direct:read-report}, a {@code spring-redis} GET),
 * so the serving side's only Redis step is visible in the routes. Any Redis or connection failure becomes
 * {@link BackendUnavailableException}; the client's fail-fast options (commands rejected while disconnected,
 * 100 ms command timeout) keep that answer inside the 150 ms budget.
 */
public class RouteReportReader implements ReportReader {

    static final String ROUTE = "direct:read-report";

    private final ProducerTemplate template;

    public RouteReportReader(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public Optional<String> read(String symbol) {
        Exchange reply = template.request(ROUTE, e -> e.getMessage().setHeader("context8Symbol", symbol));
        Exception failure = reply.getException();
        if (failure != null) {
            throw new BackendUnavailableException("report store unreachable: " + rootMessage(failure), failure);
        }
        String body = reply.getMessage().getBody(String.class);
        return body == null || body.isEmpty() ? Optional.empty() : Optional.of(body);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
