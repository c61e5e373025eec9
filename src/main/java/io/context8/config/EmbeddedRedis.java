package io.context8.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * The zero-configuration default: a Redis (6.2, shipped inside the embedded-redis jar) on 127.0.0.1 and a
 * free port, without persistence, started once per JVM and stopped when the JVM exits. Set {@code REDIS_URL}
 * to use a real server instead. The caller logs the URL (this runs before logging is set up).
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
            RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(p)
                    .setting("save \"\"").setting("appendonly no").setting("maxmemory 512mb")
                    .setting("maxmemory-policy noeviction").onShutdownForceStop(true).build();
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }, "embedded-redis-stop"));
            url = "redis://127.0.0.1:" + p;
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Redis; set REDIS_URL to a running Redis", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
