package io.context8.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RouteFilesTest {

    @Test
    void theStartUpFilesAreTheFileEntriesOfTheIncludePatternWithoutWildcards() {
        Path dir = Path.of("routes-folder").toAbsolutePath();
        String pattern = "file:" + dir.resolve("analytics-reports.camel.yaml") + ", file:" + dir.resolve("my.camel.yaml")
                + ",classpath:routes/common-*.camel.yaml,file:" + dir.resolve("common-*.camel.yaml");
        assertThat(RouteFiles.loadedFiles(pattern)).containsExactly(dir.resolve("analytics-reports.camel.yaml"),
                dir.resolve("my.camel.yaml"));
        assertThat(RouteFiles.loadedFiles("")).isEmpty();
        assertThat(RouteFiles.loadedFiles(null)).isEmpty();
    }
}
