package io.context8.mcp;

import static io.context8.mcp.McpHttpClient.json;
import static io.context8.mcp.McpHttpClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The serve-errors route configuration: a failure that escapes the serving beans (simulated by weaving a
 * throwing step in place of them) is answered with a generic 500, without the exception text and without
 * echoing request headers.
 */
@CamelSpringBootTest
@UseAdviceWith
// its own context (advised routes must not be shared with the other tests), closed afterwards
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "context8.test.advised-routes=true")
@ActiveProfiles(McpTestApplication.PROFILE)
@DirtiesContext
class McpServeErrorsRouteTest {

    static final String BOOM = "boom at java.lang.Secret " + McpHttpClient.SECRET;

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    McpHttpClient client;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camel.isStarted()) {
            AdviceWith.adviceWith(camel, "serve-mcp-http",
                    a -> a.weaveById("handle-mcp-request").replace().throwException(new IllegalStateException(BOOM)));
            AdviceWith.adviceWith(camel, "serve-report-http",
                    a -> a.weaveById("lookup-report").replace().throwException(new IllegalStateException(BOOM)));
            camel.start();
        }
        client = new McpHttpClient(port);
    }

    @Test
    void mcpFailureIsAGenericJsonRpcError() {
        HttpResponse<String> r = client.post(request(1, "tools/list", null));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(-32603);
        assertThat(json(r).get("id").isNull()).isTrue();
        assertClean(r);
    }

    @Test
    void reportFailureIsAGenericJsonError() {
        HttpResponse<String> r = client.get("/get_report?symbol=BTCUSDT");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).get("error").asText()).isEqualTo("internal_error");
        assertClean(r);
    }

    static void assertClean(HttpResponse<String> r) {
        assertThat(r.body()).doesNotContain("boom", "java.", "Exception", McpHttpClient.SECRET);
        assertThat(r.headers().map().keySet())
                .noneMatch(h -> h.equalsIgnoreCase("Authorization") || h.equalsIgnoreCase("X-Secret"));
        assertThat(r.headers().map().toString()).doesNotContain(McpHttpClient.SECRET);
    }
}
