package io.context8.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.context8.replay.ReplaySpeed;
import io.lettuce.core.RedisURI;

/**
 * The checks run before anything starts ({@link Context8EnvironmentPostProcessor}): each throws an
 * {@link InvalidSettingException} naming the environment variable and what is wrong, in one line. Add a check
 * for a new setting here, next to the others of its area.
 */
public final class SettingsCheck {

    private static final String SYMBOL = "[A-Za-z0-9]{2,20}";

    private SettingsCheck() {
    }

    /** The configured symbols in Binance spelling (upper case); rejects anything but letters and digits. */
    public static List<String> symbols(String value) {
        List<String> symbols = new ArrayList<>();
        for (String s : value.split(",")) {
            String sym = s.trim();
            if (sym.isEmpty()) {
                continue;
            }
            if (!sym.matches(SYMBOL)) {
                throw new InvalidSettingException("CONTEXT8_SYMBOLS", quoted(sym)
                        + " is not a Binance symbol (letters and digits only, e.g. BTCUSDT)");
            }
            symbols.add(sym.toUpperCase(Locale.ROOT));
        }
        if (symbols.isEmpty()) {
            throw new InvalidSettingException("CONTEXT8_SYMBOLS", "is empty; list symbols such as BTCUSDT,ETHUSDT");
        }
        return symbols;
    }

    /** {@code live} or {@code replay}. */
    /** The data sources: Binance, the replay server on recordings, the replay server on a simulated market. */
    public static final List<String> SOURCES = List.of("live", "replay", "simulated");

    public static String source(String value) {
        String source = value.trim().toLowerCase(Locale.ROOT);
        if (!SOURCES.contains(source)) {
            throw new InvalidSettingException("CONTEXT8_SOURCE", "'" + value.trim() + "' is not one of "
                    + String.join(", ", SOURCES));
        }
        return source;
    }

    /**
     * Replay settings (source=replay with the ingest role): the recording files, which must exist and be
     * readable, the speed and the port.
     */
    public static void replay(String files, String speed, String port) {
        replayFiles(List.of(files.split(",")));
        try {
            ReplaySpeed.parse(speed);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("CONTEXT8_REPLAY_SPEED", quoted(speed)
                    + " is not a speed: use max or a factor above 0 such as 1, 10, 0.5");
        }
        port("CONTEXT8_REPLAY_PORT", port);
    }

    /** The recording files to replay, in order; each must be a readable file. */
    public static List<Path> replayFiles(List<String> files) {
        List<Path> paths = new ArrayList<>();
        for (String f : files) {
            if (f == null || f.isBlank()) {
                continue;
            }
            Path p = Path.of(f.trim());
            if (!Files.isRegularFile(p)) {
                throw new InvalidSettingException("CONTEXT8_REPLAY_FILES", "no such file: " + p.toAbsolutePath());
            }
            if (!Files.isReadable(p)) {
                throw new InvalidSettingException("CONTEXT8_REPLAY_FILES", "cannot read " + p.toAbsolutePath());
            }
            paths.add(p);
        }
        if (paths.isEmpty()) {
            throw new InvalidSettingException("CONTEXT8_REPLAY_FILES",
                    "is empty; CONTEXT8_SOURCE=replay needs recording files (comma-separated)");
        }
        return paths;
    }

    /** A TCP port number, 0 (any free port) to 65535. */
    public static int port(String variable, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingException(variable, quoted(value) + " is not a port number (0-65535)");
    }

    /** A redis:// or rediss:// URL with a host; the message shows it with its password masked. */
    public static void redisUrl(String variable, String url) {
        String shown = quoted(maskedUrl(url));
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new InvalidSettingException(variable, shown
                    + " is not a valid URL (e.g. redis://:password@host:6379; characters such as < > need %-encoding)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new InvalidSettingException(variable, shown + " is not a redis:// or rediss:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidSettingException(variable, shown + " has no host (e.g. redis://:password@host:6379)");
        }
        try {
            RedisURI.create(uri);
        } catch (RuntimeException e) {
            throw new InvalidSettingException(variable, shown + " is not a Redis URL Lettuce accepts");
        }
    }

    /** {@code url} with the user-info part's password replaced by {@code ***}; safe to log. */
    public static String maskedUrl(String url) {
        if (url == null) {
            return "";
        }
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int at = url.lastIndexOf('@');
        if (at < start) {
            return url;
        }
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? "***" : userInfo.substring(0, colon + 1) + "***";
        return url.substring(0, start) + masked + url.substring(at);
    }

    /**
     * {@code CONTEXT8_ROUTES_DIR}: blank = the built-in routes (null); else a readable folder, returned absolute
     * and normalized.
     */
    public static Path routesDir(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Path dir = Path.of(value.trim()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new InvalidSettingException("CONTEXT8_ROUTES_DIR", "no such folder: " + dir
                    + " (write the built-in routes there with --export-routes " + value.trim() + ")");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new InvalidSettingException("CONTEXT8_ROUTES_DIR", "cannot read the folder " + dir);
        }
        return dir;
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }
}
