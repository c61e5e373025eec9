package io.context8.mcp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Reads market data through the {@code read-market-data} route ({@code spring-redis} GET or ZREVRANGE), with
 * the same fail-fast client options as the report reads: any Redis failure is a
 * {@link BackendUnavailableException}.
 */
public class RouteMarketDataReader implements MarketDataReader {

    static final String ROUTE = "direct:read-market-data";

    private final ProducerTemplate template;

    public RouteMarketDataReader(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public Optional<String> get(String key) {
        Exchange reply = template.request(ROUTE, e -> {
            e.getMessage().setHeader("CamelRedis.Command", "GET");
            e.getMessage().setHeader("CamelRedis.Key", key);
        });
        failIfFailed(reply);
        String body = reply.getMessage().getBody(String.class);
        return body == null || body.isEmpty() ? Optional.empty() : Optional.of(body);
    }

    @Override
    public List<String> newest(String key, int count) {
        Exchange reply = template.request(ROUTE, e -> {
            e.getMessage().setHeader("CamelRedis.Command", "ZREVRANGE");
            e.getMessage().setHeader("CamelRedis.Key", key);
            e.getMessage().setHeader("CamelRedis.Start", 0L);
            e.getMessage().setHeader("CamelRedis.End", (long) Math.max(0, count - 1));
        });
        failIfFailed(reply);
        Object body = reply.getMessage().getBody();
        List<String> out = new ArrayList<>();
        if (body instanceof Collection<?> members) {
            for (Object m : members) {
                out.add(String.valueOf(m));
            }
        }
        return out;
    }

    private static void failIfFailed(Exchange reply) {
        Exception failure = reply.getException();
        if (failure != null) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new BackendUnavailableException("market data store unreachable: " + root.getClass().getSimpleName(),
                    failure);
        }
    }
}
