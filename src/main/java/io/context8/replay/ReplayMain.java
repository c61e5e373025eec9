package io.context8.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link ReplayServer} without the app:
 * {@code java -cp <classpath> io.context8.replay.ReplayMain [--host 127.0.0.1] [--port 8090] [--speed max]
 * [--start-at seconds] [--loop] file...}, or {@code ... --simulated BTCUSDT,ETHUSDT [--seed 1]} (no files).
 * Prints the websocket and REST base URLs, then serves until killed (Ctrl-C stops it cleanly).
 */
public final class ReplayMain {

    private static final String USAGE = "usage: ReplayMain [--host 127.0.0.1] [--port 8090] [--speed max|1|10|0.5] "
            + "[--start-at seconds] [--loop] recording.gz [recording.gz ...]\n"
            + "       ReplayMain [--host 127.0.0.1] [--port 8090] [--speed 1] --simulated BTCUSDT,ETHUSDT [--seed 1]";

    private ReplayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ReplayServer.Builder b = ReplayServer.builder().host("127.0.0.1").port(8090);
        List<Path> files = new ArrayList<>();
        Duration startAt = Duration.ZERO;
        List<String> simulated = null;
        long seed = 1;
        boolean speedGiven = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--host" -> b.host(value(args, ++i));
                    case "--port" -> b.port(Integer.parseInt(value(args, ++i)));
                    case "--speed" -> {
                        b.speed(value(args, ++i));
                        speedGiven = true;
                    }
                    case "--loop" -> b.loop(true);
                    case "--simulated" -> simulated = List.of(value(args, ++i).toUpperCase(java.util.Locale.ROOT)
                            .split(","));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i));
                    case "--start-at" -> startAt = seconds(value(args, ++i));
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
            if (simulated != null && !files.isEmpty()) {
                throw new IllegalArgumentException("--simulated takes no recording files");
            }
            if (files.isEmpty() && simulated == null) {
                throw new IllegalArgumentException("no recording file given");
            }
            if (simulated != null) {
                b.simulated(new SimulatedMarket(simulated, SimulatedMarket.Settings.withSeed(seed),
                        System::currentTimeMillis));
                if (!speedGiven) {
                    b.speed(ReplaySpeed.REAL_TIME);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ReplayMain: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        ReplayServer server = b.files(files).build().startAt(startAt).start();
        CountDownLatch down = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            down.countDown();
        }, "replay-shutdown"));
        if (server.isSimulated()) {
            System.out.printf("Simulated market of %s (seed %d) at speed %s%n", server.symbols(), seed, server.speed());
        } else {
            System.out.printf("Replaying %d frames of %s (symbols %s) at speed %s%n", server.totalFrames(), files,
                    server.symbols(), server.speed());
        }
        System.out.printf("  websocket: ws://%s:%d/stream?streams=<symbol>@trade/<symbol>@depth@100ms/...%n",
                server.host(), server.port());
        System.out.printf("  REST:      http://%s:%d/api/v3/depth?symbol=<SYMBOL>&limit=1000%n",
                server.host(), server.port());
        if (!startAt.isZero()) {
            System.out.printf("  starting %.3f s into the recording (earlier lines only update the REST book)%n",
                    startAt.toNanos() / 1e9);
        }
        System.out.println("  playback starts when the first websocket client connects");
        down.await();
    }

    /** A non-negative number of seconds, decimals allowed ({@code 90}, {@code 12.5}). */
    private static Duration seconds(String text) {
        double s;
        try {
            s = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--start-at needs a number of seconds, got " + text);
        }
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("--start-at must be a non-negative number of seconds, got " + text);
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
