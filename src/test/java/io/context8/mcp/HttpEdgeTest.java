package io.context8.mcp;

import static io.context8.mcp.McpHttpClient.JSON;
import static io.context8.mcp.McpHttpClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The HTTP edge over raw sockets (any Host, any bytes): DNS rebinding (Host), Origin on every method, client
 * mistakes answered 4xx with JSON, batches by protocol revision and size, 503 while the routes are stopped, and
 * slow uploads that cannot starve the request executor.
 */
@CamelSpringBootTest
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"context8.mcp.allowed-hosts=mcp.internal,Context8.Example.org",
            "context8.mcp.max-batch-items=20", "context8.mcp.max-batch-response-bytes=20KB",
            "context8.mcp.body-read-timeout=3s"})
@ActiveProfiles(McpTestApplication.PROFILE)
class HttpEdgeTest {

    static final byte[] TOOLS_LIST = request(1, "tools/list", null).getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;

    @Autowired
    InMemoryReportReader reports;

    @BeforeEach
    void setUp() {
        reports.clear();
        reports.put("BTCUSDT", InMemoryReportReader.resource("report-btcusdt.json"));
    }

    RawHttp.Response post(String host, byte[] body, String... headers) {
        List<String> h = new ArrayList<>(List.of("Content-Type: application/json", "Accept: application/json"));
        h.addAll(List.of(headers));
        return RawHttp.request(port, "POST", "/mcp", host, body, h.toArray(String[]::new));
    }

    // ---- DNS rebinding: Host and Origin

    @ParameterizedTest(name = "Host {0} is refused on every path")
    @ValueSource(strings = {"evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example",
        "[::2]:80"})
    void foreignHostsAreRefusedEverywhere(String host) {
        for (String path : List.of("/get_report?symbol=BTCUSDT", "/actuator/health", "/actuator/prometheus",
                "/actuator", "/nope")) {
            RawHttp.Response r = RawHttp.request(port, "GET", path, host, null);
            assertThat(r.status()).as("%s %s", host, path).isEqualTo(421);
            assertThat(r.body()).contains("\"error\":\"host_not_allowed\"");
        }
        RawHttp.Response mcp = post(host, TOOLS_LIST);
        assertThat(mcp.status()).isEqualTo(421);
        assertThat(json(mcp).at("/error/code").asInt()).isEqualTo(-32600);
    }

    @ParameterizedTest(name = "Host {0} is served")
    @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST:1234", "[::1]", "[::1]:8080", "mcp.internal",
        "context8.example.org:443"})
    void localBoundAndConfiguredHostsAreServed(String host) {
        assertThat(post(host, TOOLS_LIST).status()).isEqualTo(200);
        assertThat(RawHttp.request(port, "GET", "/get_report?symbol=BTCUSDT", host, null).status()).isEqualTo(200);
    }

    @Test
    void aForeignOriginIsRefusedOnGetToo() {
        RawHttp.Response r = RawHttp.request(port, "GET", "/get_report?symbol=BTCUSDT", "127.0.0.1", null,
                "Origin: https://evil.example");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("origin_not_allowed");
        assertThat(RawHttp.request(port, "GET", "/actuator/health", "127.0.0.1", null, "Origin: https://evil.example")
                .status()).isEqualTo(403);
        assertThat(RawHttp.request(port, "GET", "/get_report?symbol=BTCUSDT", "127.0.0.1", null,
                "Origin: http://localhost:6274").status()).isEqualTo(200);
    }

    // ---- client mistakes are 4xx with a JSON body

    @Test
    void invalidUtf8IsAParseError() {
        byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"get_report\",\"arguments\":{\"symbol\":\"BTC__\"}}}"
                .getBytes(StandardCharsets.ISO_8859_1);
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("__");
        body[at] = (byte) 0xC3;
        body[at + 1] = (byte) 0x28;
        RawHttp.Response r = post("127.0.0.1", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(-32700);
    }

    @ParameterizedTest(name = "Content-Type {0} is 415 with JSON")
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*"})
    void formBodiesAreUnsupportedMediaTypes(String type) {
        RawHttp.Response r = RawHttp.request(port, "POST", "/mcp", "127.0.0.1", "a=1&b=2".getBytes(StandardCharsets.UTF_8),
                "Content-Type: " + type, "Accept: application/json");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(-32600);
    }

    @Test
    void theErrorPathIsNotFound() {
        RawHttp.Response r = RawHttp.request(port, "GET", "/error", "127.0.0.1", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("\"error\":\"not_found\"");
    }

    @Test
    void unknownMethodsAre405() {
        RawHttp.Response r = RawHttp.request(port, "BREW", "/mcp", "127.0.0.1", null);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("POST");
    }

    @ParameterizedTest(name = "{0} without params is -32602")
    @ValueSource(strings = {"initialize", "tools/call", "resources/read", "prompts/get"})
    void methodsNeedingParamsAreInvalidParams(String method) {
        for (String params : new String[] {null, "{}", "{\"name\":7,\"uri\":[],\"protocolVersion\":{}}"}) {
            RawHttp.Response r = post("127.0.0.1", request(3, method, params).getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as("%s %s", method, params).isEqualTo(200);
            assertThat(json(r).at("/error/code").asInt()).as("%s %s", method, params).isEqualTo(-32602);
            assertThat(json(r).get("id").asInt()).isEqualTo(3);
        }
    }

    // ---- batches

    @ParameterizedTest(name = "no batches under {0}")
    @ValueSource(strings = {"2025-06-18", "2025-11-25"})
    void batchesAreRejectedFromProtocol20250618(String version) {
        RawHttp.Response r = post("127.0.0.1", batch(2), "MCP-Protocol-Version: " + version);
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(json(r).at("/error/message").asText()).contains("2025-06-18");
    }

    @Test
    void batchesAreCappedInItemsAndReplySize() {
        RawHttp.Response tooMany = post("127.0.0.1", batch(21), "MCP-Protocol-Version: 2025-03-26");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(json(tooMany).at("/error/message").asText()).contains("at most 20");

        // each tools/list reply is several KB: the 20 KB reply limit stops running them after a few
        RawHttp.Response r = post("127.0.0.1", batch(20), "MCP-Protocol-Version: 2025-03-26");
        assertThat(r.status()).isEqualTo(200);
        JsonNode replies = json(r);
        assertThat(replies.size()).isEqualTo(20);
        int run = 0;
        for (JsonNode reply : replies) {
            run += reply.has("result") ? 1 : 0;
        }
        assertThat(replies.get(0).has("result")).isTrue();
        assertThat(replies.get(19).at("/error/message").asText()).contains("limit");
        System.out.printf("batch of 20 tools/list under a 20 KB reply limit: %d run, reply %d bytes%n", run,
                r.body().length());
        assertThat(run).isLessThan(20);
    }

    static byte[] batch(int n) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < n; i++) {
            j.add(request(i + 1, "tools/list", null));
        }
        return j.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- 503 while the routes are not started

    @Test
    void stoppedServingRoutesAnswer503WithRetryAfter(@Autowired CamelContext camel) throws Exception {
        camel.getRouteController().stopRoute("serve-report-http");
        camel.getRouteController().stopRoute("serve-mcp-http");
        try {
            RawHttp.Response report = RawHttp.request(port, "GET", "/get_report?symbol=BTCUSDT", "127.0.0.1", null);
            assertThat(report.status()).isEqualTo(503);
            assertThat(report.header("Retry-After")).isEqualTo("1");
            RawHttp.Response mcp = post("127.0.0.1", TOOLS_LIST);
            assertThat(mcp.status()).isEqualTo(503);
            assertThat(mcp.header("Retry-After")).isEqualTo("1");
            assertThat(json(mcp).get("jsonrpc").asText()).isEqualTo("2.0");
        } finally {
            camel.getRouteController().startRoute("serve-mcp-http");
            camel.getRouteController().startRoute("serve-report-http");
        }
        assertThat(post("127.0.0.1", TOOLS_LIST).status()).isEqualTo(200);
    }

    // ---- slow uploads

    @Test
    void twoHundredSlowUploadsDoNotStarveARegularRequest() throws Exception {
        List<Socket> slow = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Accept: application/json\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\"").getBytes(StandardCharsets.UTF_8));
                out.flush();
                slow.add(s);
            }
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/get_report?symbol=BTCUSDT")).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(200);
            HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                    .timeout(Duration.ofSeconds(3)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TOOLS_LIST)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(m.statusCode()).isEqualTo(200);
            System.out.printf("get_report with 200 slow uploads open: %d in %d ms%n", r.statusCode(), ms);

            // the server answers each slow upload 408 after the body-read timeout and closes it
            long closeStart = System.nanoTime();
            List<Integer> statuses = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (Socket s : slow) {
                    if (!s.isInputShutdown()) {
                        statuses.add(RawHttp.parse(readToEnd(s.getInputStream())).status());
                        s.shutdownInput();
                    }
                }
                return true;
            });
            System.out.printf("200 slow uploads closed by the server %d ms after the regular request%n",
                    (System.nanoTime() - closeStart) / 1_000_000);
            assertThat(statuses).hasSize(200).containsOnly(408);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        return RawHttp.readAll(in);
    }

    static JsonNode json(RawHttp.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.status() + "): " + r.body(), e);
        }
    }
}
