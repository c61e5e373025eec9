package io.context8.mcp;

import static io.context8.mcp.McpHttpClient.json;
import static io.context8.mcp.McpHttpClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Bearer-token authentication of /mcp (context8.mcp.token, from CONTEXT8_MCP_TOKEN) over raw HTTP. */
@CamelSpringBootTest
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // no Redis behind this slice: its health check would make health DOWN (503)
        properties = {"context8.mcp.token=" + McpHttpClient.SECRET, "management.health.redis.enabled=false"})
@ActiveProfiles(McpTestApplication.PROFILE)
class McpHttpTokenTest {

    @LocalServerPort
    int port;

    @Autowired
    InMemoryReportReader reports;

    McpHttpClient client;

    @BeforeEach
    void setUp() {
        reports.clear();
        reports.put("BTCUSDT", InMemoryReportReader.resource("report-btcusdt.json"));
        client = new McpHttpClient(port);
    }

    @AfterEach
    void theTokenNeverComesBack() {
        for (HttpResponse<String> r : client.drain()) {
            assertThat(r.statusCode()).as(r.uri().toString()).isLessThan(500);
            assertThat(r.body()).doesNotContain(McpHttpClient.SECRET);
            assertThat(r.headers().map().toString()).doesNotContain(McpHttpClient.SECRET);
        }
    }

    @Test
    void theRightTokenIsServed() {
        HttpResponse<String> r = client.post(McpHttpClient.callGetReport(1, "{\"symbol\":\"BTCUSDT\"}"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).at("/result/isError").asBoolean(false)).isFalse();
    }

    @ParameterizedTest(name = "Authorization {0} gets 401")
    @ValueSource(strings = {"", "Bearer", "Bearer wrong", "Basic czNjcjN0", "Bearer " + McpHttpClient.SECRET + "x"})
    void aMissingOrWrongTokenIs401(String authorization) {
        HttpResponse<String> r = client.post(request(1, "tools/list", null), "Authorization",
                authorization.isEmpty() ? null : authorization);
        assertUnauthorized(r);
    }

    @Test
    void everyMethodNeedsTheToken() {
        assertUnauthorized(client.send("GET", "/mcp", null, Map.of("Authorization", "Bearer nope")));
        assertUnauthorized(client.send("DELETE", "/mcp", null, Map.of("Authorization", "Bearer nope")));
        assertThat(client.send("GET", "/mcp", null, Map.of()).statusCode()).as("with the token: 405").isEqualTo(405);
    }

    @Test
    void plainHttpReportNeedsTheTokenToo() {
        assertThat(client.send("GET", "/get_report?symbol=BTCUSDT", null, Map.of("Authorization", "Bearer nope"))
                .statusCode()).isEqualTo(401);
        assertThat(client.get("/get_report?symbol=BTCUSDT").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "scheme {0} is case-insensitive")
    @ValueSource(strings = {"bearer", "BEARER", "BeArEr"})
    void theSchemeIsCaseInsensitive(String scheme) {
        HttpResponse<String> r = client.post(request(1, "tools/list", null), "Authorization",
                scheme + " " + McpHttpClient.SECRET);
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void prometheusAndTheOtherActuatorEndpointsNeedTheToken() {
        for (String path : List.of("/actuator/prometheus", "/actuator", "/actuator/info")) {
            HttpResponse<String> r = client.send("GET", path, null, Map.of("Authorization", "Bearer nope"));
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        assertThat(client.send("GET", "/actuator/prometheus", null, Map.of()).statusCode()).as("with the token")
                .isNotEqualTo(401);
    }

    @Test
    void healthAnswersProbesWithoutTheTokenButShowsDetailsOnlyWithIt() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
            HttpResponse<String> r = client.send("GET", path, null, Map.of("Authorization", ""));
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(json(r).has("status")).isTrue();
            assertThat(r.body()).as(path).doesNotContain("components", "details");
        }
        HttpResponse<String> withToken = client.send("GET", "/actuator/health", null, Map.of());
        assertThat(withToken.body()).contains("components");
    }

    @Test
    void theWarmUpSendsTheToken(@Autowired McpWarmup warmup) {
        assertThat(warmup.succeeded()).isTrue();
    }

    static void assertUnauthorized(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        JsonNode body = json(r);
        assertThat(body.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.get("id").isNull()).isTrue();
        assertThat(body.at("/error/message").asText()).startsWith("Unauthorized");
    }
}
