package io.context8.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.context8.Context8Application;
import io.context8.testsupport.RedisServerProcess;

/**
 * The whole serving process (mcp role, real redis-server, real Tomcat on a loopback port) under 10 000 mutated
 * requests built from valid MCP and report requests: bytes flipped, inserted and cut, invalid UTF-8, huge
 * numbers, wrong JSON types, missing params, batches, other methods, paths, content types and headers. Client
 * mistakes are 4xx: at most one 5xx per thousand remains (a race, docs/reliability.md, HTTP edge), and no
 * stack trace from context8, Spring MVC or the MCP SDK.
 */
@CamelSpringBootTest
@SpringBootTest(classes = Context8Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"context8.roles=mcp", "context8.redis.embedded=false"})
@ExtendWith(OutputCaptureExtension.class)
class HttpEdgeFuzzTest {

    static final int REQUESTS = 10_000;
    static final Pattern LOGGER = Pattern.compile("\"logger\":\"([^\"]+)\"");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> RedisServerProcess.shared().url());
    }

    @LocalServerPort
    int port;

    static final List<String> VALID = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_report\","
                    + "\"arguments\":{\"symbol\":\"BTCUSDT\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"tools/call\",\"params\":{\"name\":\"get_order_book\","
                    + "\"arguments\":{\"symbol\":\"ETHUSDT\",\"depth\":5}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"get_ohlcv\","
                    + "\"arguments\":{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"limit\":10}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/read\",\"params\":{\"uri\":\"report://BTCUSDT\"}}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"resources/templates/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"prompts/get\",\"params\":{\"name\":\"market_brief\","
                    + "\"arguments\":{\"symbol\":\"BTCUSDT\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}",
            "[{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/list\"}]");

    static final List<String> METHODS = List.of("POST", "POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH",
            "OPTIONS", "HEAD", "TRACE", "BREW", "post");
    static final List<String> PATHS = List.of("/mcp", "/mcp", "/mcp", "/mcp", "/mcp/", "/MCP", "/mcp?x=1",
            "/mcp;jsessionid=1", "/get_report?symbol=BTCUSDT", "/get_report?symbol=%FF%FE", "/get_report?symbol=",
            "/get_report?symbol=BTCUSDT&symbol=ETHUSDT", "/get_report", "/error", "/actuator/health",
            "/actuator/health/readiness", "/actuator/prometheus", "/actuator", "/actuator/info", "/nope",
            "/%2e%2e/mcp", "/mcp/../get_report?symbol=BTCUSDT", "/get_report?symbol=" + "A".repeat(3000));
    static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
            "application/json; charset=utf-8", "application/json; charset=iso-8859-1", "application/json; charset=bogus",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "multipart/form-data",
            "text/plain", "application/xml", "*/*", "application/json;;;", "garbage", "");
    static final List<String> HEADERS = List.of("Accept: application/json, text/event-stream", "Accept: text/html",
            "Accept: */*;q=banana", "MCP-Protocol-Version: 2025-06-18", "MCP-Protocol-Version: 2025-03-26",
            "MCP-Protocol-Version: 1999", "Origin: http://localhost:6274", "Origin: https://evil.example",
            "Origin: null", "Origin: %%%", "Authorization: Bearer x", "Authorization: bearer", "Expect: 100-continue",
            "Content-Encoding: gzip", "X-Forwarded-For: 1.2.3.4", "Cookie: a=b",
            "Accept-Charset: utf-16", "Range: bytes=0-1", "If-None-Match: *", "Accept-Encoding: gzip");

    @Test
    void tenThousandMutatedRequestsGetNoServerError(CapturedOutput output) {
        Random rnd = new Random(20261202L);
        Map<Integer, Integer> histogram = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        int serverErrorCount = 0;
        int logStart = output.getAll().length();
        long t0 = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            Mutant m = mutate(rnd);
            long start = System.nanoTime();
            RawHttp.Response r = RawHttp.exchange(port, m.head(), m.body());
            long took = (System.nanoTime() - start) / 1_000_000;
            if (took > 2000) {
                System.out.println("SLOW " + took + " ms " + r.status() + " " + m.head().replace("\r\n", " | ") + " body="
                        + new String(m.body(), StandardCharsets.ISO_8859_1));
            }
            histogram.merge(r.status(), 1, Integer::sum);
            if (r.status() >= 500) {
                serverErrorCount++;
                if (serverErrors.size() < 20) {
                    serverErrors.add(r.status() + " for " + m.head().replace("\r\n", " | ") + " body="
                            + new String(m.body(), StandardCharsets.ISO_8859_1) + " -> " + r.body());
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String log = output.getAll().substring(logStart);
        System.out.printf("HTTP fuzz: %d requests in %d ms, status histogram %s, %d bytes of log%n", REQUESTS, ms,
                histogram, log.length());
        // stack traces by logger: the request handling's (endpoints, rejections), Spring MVC's and the SDK's must be
        // none. The serve-errors fallback's (HttpReplyWriter), platform-http's and Tomcat's (platform-http writing to a request the container had already recycled, a race after the
        // body prefetch's second async dispatch, a few per 10 000) are printed: not yet fixed
        Map<String, Integer> traces = new TreeMap<>();
        for (String line : log.split("\n")) {
            if (line.contains("\"exception\"")) {
                Matcher lg = LOGGER.matcher(line);
                traces.merge(lg.find() ? lg.group(1) : "?", 1, Integer::sum);
            }
        }
        System.out.printf("HTTP fuzz: stack traces by logger %s; no response (connection reset) %d%n", traces,
                histogram.getOrDefault(0, 0));
        // the target is none; a few per 10 000 still come from the race noted above (1532 before the HTTP edge)
        assertThat(serverErrorCount).as("responses >= 500: %s", serverErrors).isLessThanOrEqualTo(REQUESTS / 1000);
        assertThat(traces.keySet()).as("loggers that wrote a stack trace")
                .noneMatch(l -> l.equals(McpHttpEndpoint.class.getName()) || l.equals(RejectionLog.class.getName())
                        || l.equals(ReportHttpEndpoint.class.getName()) || l.startsWith("org.springframework.web")
                        || l.startsWith("io.modelcontextprotocol"));
    }

    record Mutant(String head, byte[] body) {
    }

    private Mutant mutate(Random rnd) {
        String method = "POST";
        String path = "/mcp";
        String contentType = "application/json";
        List<String> headers = new ArrayList<>();
        headers.add("Accept: application/json, text/event-stream");
        String body = VALID.get(rnd.nextInt(VALID.size()));
        byte[] bytes = null;
        int kind = rnd.nextInt(14);
        switch (kind) {
            case 0 -> bytes = flipBytes(body.getBytes(StandardCharsets.UTF_8), rnd);
            case 1 -> bytes = invalidUtf8(body.getBytes(StandardCharsets.UTF_8), rnd);
            case 2 -> body = body.substring(0, rnd.nextInt(body.length() + 1));
            case 3 -> body = body.replaceAll(",\"params\":\\{.*\\}\\}$", "}");
            case 4 -> body = body.replaceFirst("\"params\":", "\"params\":" + pick(rnd, List.of("[1,2]", "\"x\"", "7",
                    "null", "true", "{}", "{\"name\":null}", "{\"name\":[]}", "{\"uri\":42}")) + ",\"p\":");
            case 5 -> body = body.replaceFirst("\"id\":[^,]+", "\"id\":" + pick(rnd, List.of("1e400",
                    "123456789012345678901234567890", "-0", "1.5", "{}", "[]", "true", "\"" + "x".repeat(5000) + "\"")));
            case 6 -> body = body.replaceAll("(\\d+)\\}", "1" + "9".repeat(400) + "}")
                    .replace("\"BTCUSDT\"", pick(rnd, List.of("1e999999", "\"\\uD800\"", "\"\\u0000\"", "null", "[]")));
            case 7 -> contentType = pick(rnd, CONTENT_TYPES);
            case 8 -> method = pick(rnd, METHODS);
            case 9 -> path = pick(rnd, PATHS);
            case 10 -> {
                headers.add(pick(rnd, HEADERS));
                headers.add(pick(rnd, HEADERS));
            }
            case 11 -> body = pick(rnd, List.of("[" + body + "]", "[[]]", "[1,2,3]", "[" + "[".repeat(3000),
                    "{\"a\":".repeat(2000) + "1" + "}".repeat(2000), "\"just a string\"", "null", "{}",
                    body.replace("\"jsonrpc\":\"2.0\"", "\"jsonrpc\":2"), body.replace("\"method\"", "\"method\":1,\"m\""),
                    body.replace("{\"jsonrpc\"", "{\"jsonrpc\":\"2.0\",\"jsonrpc\"")));
            case 12 -> {
                method = pick(rnd, METHODS);
                path = pick(rnd, PATHS);
                contentType = pick(rnd, CONTENT_TYPES);
                headers.add(pick(rnd, HEADERS));
                bytes = flipBytes(body.getBytes(StandardCharsets.UTF_8), rnd);
            }
            default -> {
                // a valid request, sometimes with a header mutated
                if (rnd.nextBoolean()) {
                    headers.add(pick(rnd, HEADERS));
                }
            }
        }
        if (bytes == null) {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        boolean noBody = (method.equals("GET") || method.equals("HEAD") || method.equals("TRACE")) && rnd.nextBoolean();
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port);
        if (!contentType.isEmpty()) {
            head.append("\r\nContent-Type: ").append(contentType);
        }
        for (String h : headers) {
            head.append("\r\n").append(h);
        }
        if (noBody) {
            bytes = new byte[0];
        } else {
            head.append("\r\nContent-Length: ").append(bytes.length);
        }
        return new Mutant(head.toString(), bytes);
    }

    private static byte[] flipBytes(byte[] b, Random rnd) {
        byte[] out = b.clone();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n && out.length > 0; i++) {
            out[rnd.nextInt(out.length)] = (byte) rnd.nextInt(256);
        }
        return out;
    }

    private static byte[] invalidUtf8(byte[] b, Random rnd) {
        byte[][] bad = {{(byte) 0xC3, (byte) 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}};
        byte[] insert = bad[rnd.nextInt(bad.length)];
        // inside a string value where there is one (the symbol, the method name), else anywhere
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("BTCUSDT");
        if (at < 0 || rnd.nextInt(3) == 0) {
            at = s.indexOf("\"method\":\"") >= 0 && rnd.nextBoolean() ? s.indexOf("\"method\":\"") + 10
                    : rnd.nextInt(b.length + 1);
        }
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }

    private static String pick(Random rnd, List<String> values) {
        return values.get(rnd.nextInt(values.size()));
    }
}
