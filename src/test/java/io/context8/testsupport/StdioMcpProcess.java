package io.context8.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged jar started as an MCP client starts it: {@code java -jar context8.jar --stdio} with only the
 * environment given (as a stdio client passes a minimal one), JSON-RPC written to its stdin, answers read from
 * its stdout one line each, stderr (its log) to {@code target/it-logs/<name>.log}.
 */
public final class StdioMcpProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path log;
    private final AtomicInteger ids = new AtomicInteger();

    private StdioMcpProcess(Process process, Path log) {
        this.process = process;
        this.in = process.getOutputStream();
        this.log = log;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "stdio-mcp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar with {@code --stdio} and {@code env} only (plus PATH and HOME), and initializes MCP. */
    public static StdioMcpProcess start(String name, Map<String, String> env) {
        Path jar = Path.of("target", "context8.jar").toAbsolutePath();
        try {
            Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve(name + ".log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-jar", jar.toString(), "--stdio").redirectError(log.toFile());
            pb.environment().keySet().retainAll(List.of("PATH", "HOME"));
            pb.environment().putAll(env);
            StdioMcpProcess p = new StdioMcpProcess(pb.start(), log);
            JsonNode init = p.request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}", Duration.ofMinutes(3));
            if (!init.has("result")) {
                throw new IllegalStateException("initialize failed: " + init + "; log: " + log);
            }
            p.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request and its answer (the whole JSON-RPC message). */
    public JsonNode request(String method, String params, Duration timeout) {
        int id = ids.incrementAndGet();
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}");
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IllegalStateException("no answer to " + method + " within " + timeout + " (alive: "
                        + process.isAlive() + "); log: " + log);
            }
            JsonNode answer = JSON.readTree(line);
            if (answer.path("id").asInt() != id) {
                throw new IllegalStateException("answer to another request: " + line);
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException("stdout line is not JSON", e);
        }
    }

    /** {@code tools/call} of {@code tool}: the result object. */
    public JsonNode callTool(String tool, String arguments) {
        return request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}",
                Duration.ofSeconds(30)).path("result");
    }

    private void send(String message) {
        try {
            in.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("stdin of the stdio process closed; log: " + log, e);
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Closes stdin (the server exits at end of input) and waits; kills it if it does not exit. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean exitedCleanly() {
        return !process.isAlive() && process.exitValue() == 0;
    }
}
