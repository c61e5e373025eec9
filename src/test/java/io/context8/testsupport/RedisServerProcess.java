package io.context8.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A real {@code redis-server} (Debian package) on 127.0.0.1 and a free port (never 6379), one per test JVM,
 * without persistence, stopped when the JVM exits. Where Debian's redis-server is not installed, the Redis 6.2
 * binary shipped in the embedded-redis jar is started instead (so the tests run on a machine with only Java and
 * Maven), except under CI ({@code CI=true}), where Debian's is required.
 */
public final class RedisServerProcess {

    private static RedisServerProcess shared;

    private final Process process;
    private final int port;

    private RedisServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The shared server, started on first use. */
    public static synchronized RedisServerProcess shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** A new server of its own, e.g. for a test that stops it. */
    public static RedisServerProcess start() {
        try {
            return startOn(freePort());
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** A new, empty server on {@code port}, e.g. to bring a stopped one back on the same address. */
    public static RedisServerProcess startOn(int port) {
        String binary = find();
        if (binary == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("redis-server is not installed; .ci/run installs it (apt-get install redis-server)");
            }
            binary = embeddedBinary();
        }
        try {
            Process p = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--loglevel", "warning")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            RedisServerProcess server = new RedisServerProcess(p, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "redis-server-stop"));
            Awaitility.await("redis-server on port " + port).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20)).until(server::accepting);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean accepting() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write("PING\r\n".getBytes());
            byte[] buf = new byte[7];
            int n = s.getInputStream().read(buf);
            return n > 0 && new String(buf, 0, n).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static String find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, "redis-server");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        File sbin = new File("/usr/sbin/redis-server");
        return sbin.canExecute() ? sbin.getPath() : null;
    }

    /** The Linux x86-64 redis-server binary inside the embedded-redis jar, extracted to a temporary file. */
    private static String embeddedBinary() {
        String resource = "/redis-server-6.2.6-v5-linux-amd64";
        try (var in = RedisServerProcess.class.getResourceAsStream(resource)) {
            assumeTrue(in != null && System.getProperty("os.name").toLowerCase().contains("linux"),
                    "Skipped: no redis-server installed (apt-get install redis-server) and no embedded binary for this OS");
            java.nio.file.Path f = java.nio.file.Files.createTempFile("redis-server", "");
            java.nio.file.Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            f.toFile().setExecutable(true);
            f.toFile().deleteOnExit();
            System.err.println("redis-server not installed: using the Redis 6.2 binary from the embedded-redis jar");
            return f.toString();
        } catch (IOException e) {
            throw new IllegalStateException("could not extract the embedded redis-server", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
