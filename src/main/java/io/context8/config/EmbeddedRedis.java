package io.context8.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

import redis.embedded.core.ExecutableProvider;

/**
 * The zero-configuration default: a Redis (6.2, shipped inside the embedded-redis jar) on 127.0.0.1 and a
 * free port, without persistence, started once per JVM. Set {@code REDIS_URL} to use a real server instead.
 * It is stopped last: by a Spring Boot shutdown handler, which runs after the application context (routes,
 * Redis clients) has closed. (The embedded-redis library's own JVM shutdown hook would run at the same time
 * as the context's shutdown and kill Redis under the running routes, so the binary is started here.) The caller
 * logs the URL (this runs before logging is set up).
 */
final class EmbeddedRedis {

    private static String url;

    private EmbeddedRedis() {
    }

    static synchronized String startOnce(int port) {
        if (url != null) {
            return url;
        }
        try {
            int p = port > 0 ? port : freePort();
            String binary = ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
            Process server = new ProcessBuilder(List.of(binary, "--port", String.valueOf(p), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--maxmemory", "512mb", "--maxmemory-policy", "noeviction"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            SpringApplication.getShutdownHandlers().add(() -> stop(server));
            // where no Spring Boot shutdown hook runs (a test's context), the JVM's own hook stops it
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitSpringShutdownHook();
                stop(server);
            }, "embedded-redis-stop"));
            awaitAccepting(server, p);
            url = "redis://127.0.0.1:" + p;
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Redis; set REDIS_URL to a running Redis", e);
        }
    }

    private static void awaitAccepting(Process server, int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("redis-server exited with " + server.exitValue() + " (port " + port + " in use?)");
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                try {
                    server.waitFor(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting the embedded Redis", e);
                }
            }
        }
        stop(server);
        throw new IOException("the embedded Redis did not accept connections within 30 s");
    }

    /**
     * Waits for Spring Boot's shutdown hook (it closes the context, then runs the handler that stops Redis), when
     * it runs: the JVM starts every hook at once, so it is looked for during a short while.
     */
    private static void awaitSpringShutdownHook() {
        for (int i = 0; i < 10; i++) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if ("SpringApplicationShutdownHook".equals(t.getName())) {
                    try {
                        t.join(TimeUnit.SECONDS.toMillis(60));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** SIGTERM (Redis exits at once without persistence), SIGKILL after 5 s; does nothing once it has exited. */
    private static void stop(Process server) {
        server.destroy();
        try {
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
