package io.context8.routes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which route files a process loads from a routes folder ({@code context8.routes.dir}), by file name:
 * <ul>
 *   <li>only {@code *.camel.yaml} files directly in the folder (no subfolders);</li>
 *   <li>{@code ingest-*}, {@code analytics-*}, {@code mcp-*}: only where that role runs (with MCP over stdio,
 *       of the {@code mcp-} files only {@code mcp-read-*}, as for the built-in routes);</li>
 *   <li>every other name ({@code common-*}, and a user's own file such as {@code report-to-file.camel.yaml}):
 *       in every process, whatever its roles.</li>
 * </ul>
 * The built-in routes follow the same rule with the {@code common-} prefix for files of every role.
 */
public final class RouteFiles {

    /** The file names Camel loads routes from. */
    public static final String SUFFIX = ".camel.yaml";

    /** Role prefixes of file names; a file with none of them loads with every role. */
    public static final List<String> ROLES = List.of("ingest", "analytics", "mcp");

    private RouteFiles() {
    }

    /** Whether a process running {@code roles} ({@code stdio}: MCP over stdio) loads the file {@code name}. */
    public static boolean loads(String name, Set<String> roles, boolean stdio) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!n.endsWith(SUFFIX) || n.startsWith(".")) {
            return false;
        }
        for (String role : ROLES) {
            if (n.startsWith(role + "-")) {
                if (!roles.contains(role)) {
                    return false;
                }
                return !(stdio && role.equals("mcp")) || n.startsWith("mcp-read-");
            }
        }
        return true;
    }

    /**
     * The files named by a {@code camel.main.routes-include-pattern} value: its {@code file:} entries without a
     * wildcard (as {@code Context8EnvironmentPostProcessor} writes them for a routes folder), absolute.
     */
    public static List<Path> loadedFiles(String includePattern) {
        List<Path> files = new ArrayList<>();
        if (includePattern != null) {
            for (String entry : includePattern.split(",")) {
                String e = entry.trim();
                if (e.startsWith("file:") && !e.contains("*")) {
                    files.add(Path.of(e.substring("file:".length())).toAbsolutePath().normalize());
                }
            }
        }
        return files;
    }

    /** The files of {@code dir} that such a process loads, sorted by name. */
    public static List<Path> select(Path dir, Set<String> roles, boolean stdio) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> loads(f.getFileName().toString(), roles, stdio))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
