package io.context8.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * docs/routes.md must list exactly the routes the context loads with every role on: same ids, same
 * consumer endpoint, same description. Nothing is reachable here on purpose (no Binance, no Redis): the routes
 * load and the supervising controller keeps retrying.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "context8.roles=ingest,analytics,mcp",
        "context8.redis.embedded=false",
        "spring.data.redis.url=redis://127.0.0.1:1",
        "context8.binance.ws-url=ws://127.0.0.1:1",
        "context8.binance.rest-url=http://127.0.0.1:1"})
class RoutesDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| (\\w+) \\| `([^`]+)`.*\\| ([^|]+) \\|$");

    @Autowired
    CamelContext camel;

    @Test
    void docsListEveryLoadedRouteWithItsFromAndDescription() throws IOException {
        Map<String, String[]> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("docs", "routes.md"))) {
            if (line.startsWith("## ")) {
                break; // the route table comes first; later sections have tables of their own (template parameters)
            }
            Matcher m = ROW.matcher(line.trim());
            if (m.matches()) {
                documented.put(m.group(1), new String[] {m.group(3), m.group(4).trim()});
            }
        }
        Map<String, String[]> loaded = new TreeMap<>();
        for (RouteDefinition r : definitions()) {
            loaded.put(r.getRouteId(), new String[] {r.getInput().getEndpointUri(), r.getDescriptionText()});
        }
        assertThat(documented.keySet()).as("route ids in docs/routes.md").containsExactlyInAnyOrderElementsOf(loaded.keySet());
        for (var e : loaded.entrySet()) {
            String[] doc = documented.get(e.getKey());
            assertThat(doc[1]).as("description of " + e.getKey()).isEqualTo(e.getValue()[1]);
            assertThat(base(camel.resolvePropertyPlaceholders(doc[0]))).as("from of " + e.getKey())
                    .isEqualTo(base(camel.resolvePropertyPlaceholders(e.getValue()[0])));
        }
    }

    @Test
    void everyRouteIdIsKebabCaseAndDescribed() {
        assertThat(definitions()).isNotEmpty();
        for (RouteDefinition r : definitions()) {
            assertThat(r.getRouteId()).matches("[a-z]+(-[a-z0-9]+)+");
            assertThat(r.getDescriptionText()).as(r.getRouteId()).isNotBlank();
        }
    }

    /** Every route the context loaded, started or (like the ingest route while Binance is away) still retrying. */
    private java.util.List<RouteDefinition> definitions() {
        return camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions();
    }

    /** scheme:path without options, normalized the way Camel normalizes endpoint URIs. */
    private static String base(String uri) {
        try {
            String n = URISupport.normalizeUri(uri);
            int q = n.indexOf('?');
            return (q < 0 ? n : n.substring(0, q)).replace("://", ":");
        } catch (Exception ex) {
            throw new IllegalArgumentException(uri, ex);
        }
    }
}
