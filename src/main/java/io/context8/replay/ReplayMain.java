package io.context8.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link ReplayServer} without the app:
 * {@code java -cp <classpath> io.context8.replay.ReplayMain [--host 127.0.0.1] [--port 8090] [--speed max] file...}.
 * Prints the websocket and REST base URLs, then serves until killed (Ctrl-C stops it cleanly).
 */
public final class ReplayMain {

    private static final String USAGE = "usage: ReplayMain [--host 127.0.0.1] [--port 8090] [--speed max|1|10|0.5] "
            + "recording.gz [recording.gz ...]";

    private ReplayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ReplayServer.Builder b = ReplayServer.builder().host("127.0.0.1").port(8090);
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--host" -> b.host(value(args, ++i));
                    case "--port" -> b.port(Integer.parseInt(value(args, ++i)));
                    case "--speed" -> b.speed(value(args, ++i));
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        files.add(Path.of(args[i]));
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no recording file given");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ReplayMain: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ReplayServer server = b.files(files).build().start();
        CountDownLatch down = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            down.countDown();
        }, "replay-shutdown"));
        System.out.printf("Replaying %d frames of %s (symbols %s) at speed %s%n", server.totalFrames(), files,
                server.symbols(), server.speed());
        System.out.printf("  websocket: ws://%s:%d/stream?streams=<symbol>@trade/<symbol>@depth@100ms/...%n",
                server.host(), server.port());
        System.out.printf("  REST:      http://%s:%d/api/v3/depth?symbol=<SYMBOL>&limit=1000%n",
                server.host(), server.port());
        System.out.println("  playback starts when the first websocket client connects");
        down.await();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
