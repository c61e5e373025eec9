package io.context8.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * MCP over stdio: newline-delimited JSON-RPC messages on stdin, answers on the reserved stdout
 * ({@link StdioStreams}), one line each. Every message goes through the same {@link McpHttpEndpoint} dispatch
 * and SDK server as HTTP (same tools, same errors); the HTTP-only rules (Origin, headers, token) do not apply
 * to a process the client launched itself. Starts once the application is ready; at end of input the
 * application exits.
 */
public class McpStdioServer implements ApplicationListener<ApplicationReadyEvent>, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(McpStdioServer.class);

    private final McpHttpEndpoint endpoint;
    private final InputStream in;
    private final OutputStream out;

    public McpStdioServer(McpHttpEndpoint endpoint, InputStream in, OutputStream out) {
        this.endpoint = endpoint;
        this.in = in;
        this.out = out;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread t = new Thread(() -> {
            serve();
            LOG.info("stdin closed: MCP stdio server stops");
            ConfigurableApplicationContext ctx = event.getApplicationContext();
            System.exit(SpringApplication.exit(ctx, () -> 0));
        }, "mcp-stdio");
        t.setDaemon(false);
        t.start();
        LOG.info("MCP stdio server ready (newline-delimited JSON-RPC on stdin/stdout)");
    }

    /** After {@link McpWarmup} (which opens the Redis connection before the first client call). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Reads messages until end of input; returns then. */
    void serve() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String answer = endpoint.handleMessage(line.getBytes(StandardCharsets.UTF_8));
                if (answer != null) {
                    write(answer);
                }
            }
        } catch (IOException e) {
            LOG.warn("MCP stdio stream failed: {}", e.getMessage());
        }
    }

    private synchronized void write(String message) throws IOException {
        // JSON text from Jackson has no raw newlines: one message per line as stdio requires
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.flush();
    }
}
