package io.context8.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The packaged application ({@code target/context8.jar}, built by {@code mvn verify} before the integration
 * tests) run as a separate JVM with environment variables, exactly as a user runs it. Output goes to
 * {@code target/it-logs/<name>.log}.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final long startedNanos;
    private long readyNanos;

    private AppProcess(Process process, Path log, int httpPort, long startedNanos) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.startedNanos = startedNanos;
    }

    /** Starts the jar with {@code env} (SERVER_PORT is chosen here) and waits until it is ready. */
    public static AppProcess start(String name, Map<String, String> env) {
        Path jar = Path.of("target", "context8.jar");
        assertTrue(Files.isRegularFile(jar), "target/context8.jar is missing: run the integration tests with `mvn verify`");
        try {
            int port = freePort();
            Path logs = Files.createDirectories(Path.of("target", "it-logs"));
            Path log = logs.resolve(name + ".log");
            List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", jar.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("SERVER_PORT", String.valueOf(port));
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            AppProcess app = new AppProcess(pb.start(), log, port, t0);
            try {
                app.awaitReady(Duration.ofSeconds(120));
            } catch (RuntimeException | Error e) {
                app.close(); // a process that never got ready must not outlive the test (it kept writing its log)
                throw e;
            }
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Awaitility.await("context8 ready on port " + httpPort + " (log: " + log + ")").atMost(timeout)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("context8 exited with " + process.exitValue() + "; log: " + log);
                    }
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                                URI.create(baseUrl() + "/actuator/health/readiness")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            readyNanos = System.nanoTime();
                            return true;
                        }
                        return false;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** Seconds from process start until it first answered ready. */
    public double secondsToReady() {
        return (readyNanos - startedNanos) / 1e9;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM, as a service manager stops it; waits up to 60 s and returns the exit status (-1: still running). */
    public int terminate() {
        process.destroy();
        try {
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL, no shutdown hooks. */
    public void kill9() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        if (!waitFor()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    private boolean waitFor() {
        try {
            return process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
