package io.context8.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node.js command (node, npx) with a timeout, capturing stdout and stderr through files (no pipe can
 * fill up and block the child). A process still running at the timeout is killed, with its descendants.
 */
public final class NodeProcess {

    /** The npm project holding the official MCP clients, relative to the Maven base directory. */
    public static final Path CLIENT_TESTS = Path.of("client-tests").toAbsolutePath();

    private NodeProcess() {
    }

    /** What a finished (or killed) process left behind. */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut) {
        @Override
        public String toString() {
            return "exit " + exitCode + (timedOut ? " (timed out)" : "") + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    public static Result run(Duration timeout, Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile("node-out", ".txt");
            Path err = Files.createTempFile("node-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(command)
                        .directory(CLIENT_TESTS.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
                return new Result(finished ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8), !finished);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code node} runs here. */
    public static boolean nodeAvailable() {
        try {
            return run(Duration.ofSeconds(20), Map.of(), List.of("node", "--version")).exitCode() == 0;
        } catch (UncheckedIOException e) {
            return false; // not on the PATH
        }
    }

    /** True when {@code npm ci} has been run in client-tests. */
    public static boolean clientsInstalled() {
        return Files.isDirectory(CLIENT_TESTS.resolve("node_modules/@modelcontextprotocol/sdk"))
                && Files.isDirectory(CLIENT_TESTS.resolve("node_modules/@modelcontextprotocol/inspector"));
    }

    /**
     * Makes the official MCP clients usable: installs them with {@code npm ci} (versions from the committed lock
     * file) when Node.js is present but they are not installed yet. Skips the calling test with a clear message
     * where Node.js is absent, except under CI ({@code CI=true}), where that is a failure.
     */
    public static synchronized void requireClients() {
        if (!nodeAvailable()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("node is not installed; .ci/run installs Node.js and npm");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false,
                    "Skipped: node is not on the PATH (Node.js 20+ runs the official MCP clients)");
        }
        if (!clientsInstalled()) {
            Result r = run(Duration.ofMinutes(5), Map.of(),
                    List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
            if (r.exitCode() != 0 || !clientsInstalled()) {
                throw new IllegalStateException("npm ci in client-tests failed: " + r);
            }
        }
    }
}
