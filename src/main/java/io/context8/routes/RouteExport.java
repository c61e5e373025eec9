package io.context8.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * {@code --export-routes <dir> [--force]}: writes the built-in route files ({@code classpath:routes/}) to a
 * folder as the starting point of {@code CONTEXT8_ROUTES_DIR}, without starting the application. A file already
 * there with the same content is rewritten; one whose content differs (an edit) is kept, and the export refuses
 * naming them, unless {@code --force}. Files of the folder that are not built-in (a user's own) are never touched.
 */
public final class RouteExport {

    /** The command-line flag. */
    public static final String FLAG = "--export-routes";
    /** Overwrite edited files. */
    public static final String FORCE = "--force";

    /** Exit status when edited files were kept (nothing written). */
    public static final int REFUSED = 1;
    /** Exit status of a usage error (as for an invalid setting). */
    public static final int USAGE = 2;

    private RouteExport() {
    }

    /** Whether {@code args} ask for an export. */
    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals(FLAG) || a.startsWith(FLAG + "="));
    }

    /** Runs the export {@code args} describe; returns the exit status (0 = written). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String dir = null;
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals(FLAG) && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                dir = args[++i];
            } else if (a.startsWith(FLAG + "=")) {
                dir = a.substring(FLAG.length() + 1);
            } else if (a.equals(FORCE)) {
                force = true;
            } else if (!a.equals(FLAG)) {
                err.println("context8: " + FLAG + ": unexpected argument \"" + a + "\" (usage: " + FLAG
                        + " <dir> [" + FORCE + "])");
                return USAGE;
            }
        }
        if (dir == null || dir.isBlank()) {
            err.println("context8: " + FLAG + " needs a folder (usage: " + FLAG + " <dir> [" + FORCE + "])");
            return USAGE;
        }
        try {
            return export(Path.of(dir), force, out, err);
        } catch (IOException e) {
            err.println("context8: " + FLAG + ": cannot write " + dir + ": " + e.getMessage());
            return USAGE;
        }
    }

    /** Writes the built-in routes to {@code dir}; see the class comment. */
    public static int export(Path dir, boolean force, PrintStream out, PrintStream err) throws IOException {
        Map<String, byte[]> builtIn = builtInRoutes();
        List<String> edited = new ArrayList<>();
        for (var e : builtIn.entrySet()) {
            Path target = dir.resolve(e.getKey());
            if (Files.exists(target) && !Arrays.equals(Files.readAllBytes(target), e.getValue())) {
                edited.add(e.getKey());
            }
        }
        if (!edited.isEmpty() && !force) {
            err.println("context8: " + FLAG + ": not written, these files in " + dir + " differ from the built-in"
                    + " ones (edited?): " + String.join(", ", edited) + "; " + FORCE + " overwrites them");
            return REFUSED;
        }
        Files.createDirectories(dir);
        for (var e : builtIn.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        out.println("context8: wrote " + builtIn.size() + " route files to " + dir
                + (edited.isEmpty() ? "" : " (overwrote edited " + String.join(", ", edited) + ")")
                + "; start with CONTEXT8_ROUTES_DIR=" + dir);
        return 0;
    }

    /** The built-in route files by file name, in name order. */
    public static Map<String, byte[]> builtInRoutes() throws IOException {
        Resource[] found = new PathMatchingResourcePatternResolver(RouteExport.class.getClassLoader())
                .getResources("classpath:routes/*" + RouteFiles.SUFFIX);
        Map<String, byte[]> routes = new java.util.TreeMap<>();
        for (Resource r : found) {
            try (InputStream in = r.getInputStream()) {
                routes.put(r.getFilename(), in.readAllBytes());
            }
        }
        if (routes.isEmpty()) {
            throw new IOException("no built-in route files found on the class path");
        }
        return new LinkedHashMap<>(routes);
    }
}
