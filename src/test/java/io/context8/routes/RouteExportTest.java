package io.context8.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteExportTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return RouteExport.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesEveryBuiltInRouteFileAndSaysHowToUseThem() throws Exception {
        Path target = dir.resolve("routes");
        assertThat(run(RouteExport.FLAG, target.toString())).isZero();
        var builtIn = RouteExport.builtInRoutes();
        assertThat(builtIn.keySet()).contains("analytics-reports.camel.yaml", "ingest-binance.camel.yaml",
                "analytics-sink-templates.camel.yaml");
        for (var e : builtIn.entrySet()) {
            assertThat(Files.readAllBytes(target.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + builtIn.size() + " route files",
                "CONTEXT8_ROUTES_DIR=" + target);
        assertThat(run(RouteExport.FLAG + "=" + target)).as("unchanged files: exporting again is fine").isZero();
    }

    @Test
    void refusesToOverwriteAnEditedFileUnlessForced() throws Exception {
        assertThat(run(RouteExport.FLAG, dir.toString())).isZero();
        Path edited = dir.resolve("analytics-reports.camel.yaml");
        Files.writeString(edited, "# my edit\n" + Files.readString(edited));
        Path mine = Files.writeString(dir.resolve("analytics-my-sink.camel.yaml"), "# a user's own file\n");

        assertThat(run(RouteExport.FLAG, dir.toString())).isEqualTo(RouteExport.REFUSED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("analytics-reports.camel.yaml", "--force");
        assertThat(Files.readString(edited)).startsWith("# my edit");

        assertThat(run(RouteExport.FLAG, dir.toString(), RouteExport.FORCE)).isZero();
        assertThat(Files.readString(edited)).doesNotStartWith("# my edit");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("overwrote edited analytics-reports.camel.yaml");
        assertThat(Files.readString(mine)).as("a file that is not built-in is never touched")
                .isEqualTo("# a user's own file\n");
    }

    @Test
    void usageErrorsSayWhatIsExpected() {
        assertThat(run(RouteExport.FLAG)).isEqualTo(RouteExport.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("needs a folder", "usage: --export-routes <dir>");
        assertThat(run(RouteExport.FLAG, dir.toString(), "--frce")).isEqualTo(RouteExport.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unexpected argument \"--frce\"");
        assertThat(RouteExport.requested(new String[] {"--stdio"})).isFalse();
        assertThat(RouteExport.requested(new String[] {"--export-routes=x"})).isTrue();
    }

    @Test
    void aMissingRoutesFolderIsASettingError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> io.context8.config.SettingsCheck.routesDir(dir.resolve("nope").toString()))
                .isInstanceOf(io.context8.config.InvalidSettingException.class)
                .hasMessageContaining("no such folder").hasMessageContaining("--export-routes");
        assertThat(io.context8.config.SettingsCheck.routesDir(" ")).as("blank: the built-in routes").isNull();
        assertThat(io.context8.config.SettingsCheck.routesDir(dir.toString())).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void roleRuleByFileName() {
        Set<String> analytics = Set.of("analytics");
        assertThat(RouteFiles.loads("analytics-reports.camel.yaml", analytics, false)).isTrue();
        assertThat(RouteFiles.loads("ingest-binance.camel.yaml", analytics, false)).as("other role").isFalse();
        assertThat(RouteFiles.loads("common-errors.camel.yaml", analytics, false)).as("every role").isTrue();
        assertThat(RouteFiles.loads("my-sink.camel.yaml", Set.of("mcp"), false)).as("no role prefix").isTrue();
        assertThat(RouteFiles.loads("analytics-reports.camel.yaml.bak", analytics, false)).isFalse();
        assertThat(RouteFiles.loads(".analytics-x.camel.yaml", analytics, false)).as("hidden (editor)").isFalse();
        assertThat(RouteFiles.loads("mcp-serve-http.camel.yaml", Set.of("mcp"), true)).as("stdio: no http").isFalse();
        assertThat(RouteFiles.loads("mcp-read-report.camel.yaml", Set.of("mcp"), true)).isTrue();
    }
}
