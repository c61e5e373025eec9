package io.context8.sinks;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpServer;

/**
 * A local webhook (the JDK's HttpServer) on the first free port of 23000-23999: records every POST body (also
 * the ones it answers with an error), answers the status {@code status} gives for the n-th request (0-based), and
 * can hang every request until {@link #release}.
 */
final class WebhookServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IntUnaryOperator status = n -> 200;
    private volatile CountDownLatch hang = new CountDownLatch(0);

    WebhookServer() throws IOException {
        HttpServer bound = null;
        for (int port = 23000 + (int) (ProcessHandle.current().pid() % 500); bound == null; port++) {
            if (port > 23999) {
                throw new IOException("no free port in 23000-23999");
            }
            try {
                bound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            } catch (BindException e) {
                // taken: next port
            }
        }
        server = bound;
        server.setExecutor(threads);
        server.createContext("/", x -> {
            try (InputStream in = x.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int n = requests.getAndIncrement();
                received.add(body);
                hang.await(60, TimeUnit.SECONDS);
                x.sendResponseHeaders(status.applyAsInt(n), -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                x.close();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void status(IntUnaryOperator byRequest) {
        this.status = byRequest;
    }

    void hang() {
        hang = new CountDownLatch(1);
    }

    void release() {
        hang.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
