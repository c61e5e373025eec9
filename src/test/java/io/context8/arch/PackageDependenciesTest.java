package io.context8.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * No package of the application imports a package that imports it back, directly or through others (STYLE.md), and
 * the plain-Java analytics packages import nothing of Camel or Spring. Read from the sources' import lines.
 */
class PackageDependenciesTest {

    private static final Path SRC = Path.of("src", "main", "java", "io", "context8");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.context8\\.([a-z0-9]+)\\.", Pattern.MULTILINE);

    @Test
    @DisplayName("the package graph has no cycle")
    void noCycle() {
        Map<String, Set<String>> graph = graph();
        assertThat(graph).containsKeys("analytics", "book", "metrics", "mcp", "config");
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            for (String next : graph.get(start)) {
                if (reaches(graph, next, start, new TreeSet<>())) {
                    cycles.add(start + " -> " + next + " -> ... -> " + start);
                }
            }
        }
        assertThat(cycles).as("package cycles in %s", graph).isEmpty();
    }

    @Test
    @DisplayName("book and metrics import nothing of Camel or Spring")
    void plainJava() throws IOException {
        for (String pkg : List.of("book", "metrics")) {
            try (Stream<Path> files = Files.list(SRC.resolve(pkg))) {
                for (Path f : files.toList()) {
                    assertThat(Files.readString(f)).as(f.toString()).doesNotContain("import org.apache.camel")
                            .doesNotContain("import org.springframework");
                }
            }
        }
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String n : graph.getOrDefault(from, Set.of())) {
            if (reaches(graph, n, target, seen)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SRC)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = SRC.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue; // the application class at the root
                }
                String pkg = rel.getName(0).toString();
                Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        deps.add(m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }
}
