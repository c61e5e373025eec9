package io.context8.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real Binance captures. They are never part of this project: tests read them from
 * {@code $CONTEXT8_DATA_DIR} (the folder holding {@code recordings/} and {@code frames/}) or, by default,
 * {@code ../shared/data/binance} beside the checkout, and are skipped with a clear message where absent.
 */
public final class SharedData {

    public static final String ENV = "CONTEXT8_DATA_DIR";

    private SharedData() {
    }

    /** The data folder, whether or not it exists. */
    public static Path dir() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of("..", "shared", "data", "binance").toAbsolutePath().normalize();
    }

    /** A file under the data folder; skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path p = dir().resolve(relative);
        assumeTrue(Files.isReadable(p), () -> "Skipped: real Binance data not found at " + p
                + " (set " + ENV + " to the folder holding recordings/ and frames/)");
        return p;
    }

    /** For {@code @EnabledIf}: both 2024 BTCUSDT recordings are readable. */
    public static boolean recordingsPresent() {
        return Files.isReadable(dir().resolve("recordings/btcusdt_20240808.gz"))
                && Files.isReadable(dir().resolve("recordings/btcusdt_20240809.gz"));
    }

    public static Path recording2024a() {
        return require("recordings/btcusdt_20240808.gz");
    }

    public static Path recording2024b() {
        return require("recordings/btcusdt_20240809.gz");
    }

    public static Path recording2023() {
        return require("recordings/btcusdt_20230405.dat.gz");
    }
}
