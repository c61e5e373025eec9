package io.context8.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/** The header rules of the MCP endpoint, without HTTP. */
class McpHttpEndpointTest {

    static McpProperties props(List<String> origins, String token) {
        return new McpProperties(origins, DataSize.ofKilobytes(1), token, "http", List.of(), Duration.ofSeconds(5), 50,
                DataSize.ofMegabytes(4));
    }

    final McpHttpEndpoint endpoint = new McpHttpEndpoint(new RouteServerTransport(),
            props(List.of("https://console.example.com/"), ""));
    final McpHttpEndpoint withToken = new McpHttpEndpoint(new RouteServerTransport(),
            props(List.of(), " s3cret "));

    @ParameterizedTest(name = "without a token, Authorization {0} is fine")
    @NullSource
    @ValueSource(strings = {"", "Bearer anything"})
    void noTokenConfiguredAcceptsEverything(String authorization) {
        assertThat(endpoint.authorized(authorization)).isTrue();
    }

    @ParameterizedTest(name = "with a token, Authorization {0} is refused")
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer s3cre", "Bearer s3cret2", "Basic s3cret", "s3cret", "Bearers3cret", "Bearer\ts3cret"})
    void tokenRequired(String authorization) {
        assertThat(withToken.authorized(authorization)).isFalse();
    }

    @ParameterizedTest(name = "with a token, Authorization {0} is accepted")
    @ValueSource(strings = {"Bearer s3cret", " Bearer s3cret ", "bearer s3cret", "BEARER s3cret", "bearer  s3cret"})
    void tokenAccepted(String authorization) {
        assertThat(withToken.authorized(authorization)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void theTokenIsNotInTheirTextForm() {
        assertThat(props(List.of(), "s3cret").toString())
                .doesNotContain("s3cret");
    }

    @ParameterizedTest(name = "origin {0} allowed")
    @NullSource
    @ValueSource(strings = {"", "http://localhost", "http://localhost:6274", "https://LOCALHOST:8443",
        "http://127.0.0.1:3000", "http://[::1]:8080", "https://console.example.com", "HTTPS://Console.Example.com"})
    void allowedOrigins(String origin) {
        assertThat(endpoint.originAllowed(origin)).isTrue();
    }

    @ParameterizedTest(name = "origin {0} forbidden")
    @ValueSource(strings = {"https://evil.example.net", "null", "http://localhost.evil.net", "file://localhost",
        "http://127.0.0.2", "https://console.example.com:8443", "not a uri", "http://user@evil.net"})
    void forbiddenOrigins(String origin) {
        assertThat(endpoint.originAllowed(origin)).isFalse();
    }

    @ParameterizedTest(name = "Accept {0} allows JSON")
    @NullSource
    @ValueSource(strings = {"application/json", "application/json, text/event-stream", "*/*", "application/*",
        "text/event-stream, application/json;q=0.5", "APPLICATION/JSON"})
    void acceptable(String accept) {
        assertThat(McpHttpEndpoint.acceptsJson(accept)).isTrue();
    }

    @ParameterizedTest(name = "Accept {0} does not allow JSON")
    @ValueSource(strings = {"text/event-stream", "text/html", "application/json;q=0", "application/xml",
        "application/jsonx"})
    void notAcceptable(String accept) {
        assertThat(McpHttpEndpoint.acceptsJson(accept)).isFalse();
    }

    @ParameterizedTest(name = "Content-Type {0} is JSON")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON"})
    void jsonContentTypes(String type) {
        assertThat(McpHttpEndpoint.isJson(type)).isTrue();
    }

    @ParameterizedTest(name = "Content-Type {0} is not JSON")
    @NullSource
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json-patch+json"})
    void otherContentTypes(String type) {
        assertThat(McpHttpEndpoint.isJson(type)).isFalse();
    }

    @ParameterizedTest(name = "{0} leaks internals")
    @ValueSource(strings = {"java.lang.NullPointerException", "Cannot deserialize `java.lang.String`",
        "IllegalArgumentException", "com.fasterxml.jackson.databind", "io.modelcontextprotocol.spec.McpSchema"})
    void internalsAreRecognized(String text) {
        assertThat(McpHttpEndpoint.leaksInternals(text)).isTrue();
    }
}
