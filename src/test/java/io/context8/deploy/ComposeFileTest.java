package io.context8.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The deployment files without a Docker engine: {@code docker-compose config} refuses a .env copied from
 * .env.example unchanged (its passwords are empty, and have no defaults) and accepts it with passwords; every
 * CONTEXT8_* variable of .env.example reaches the ingest, analytics and mcp services (env_file); every variable the services use is documented in
 * .env.example; every service has a healthcheck and waits for what it needs to be healthy; MCP is published on
 * loopback only; the Dockerfile is multi-stage and runs as a non-root user; the dashboard has the panels the
 * issue lists and uses only metrics documented in docs/metrics.md.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final Path ENV_EXAMPLE = Path.of(".env.example");
    private static final Pattern VARIABLE = Pattern.compile("^([A-Z][A-Z0-9_]*)=");
    private static final Map<String, String> SECRETS = Map.of("REDIS_PASSWORD", "test-redis-password",
            "GRAFANA_ADMIN_PASSWORD", "test-grafana-password");

    @Test
    void dockerComposeConfigRefusesTheEnvExamplePlaceholdersAndAcceptsRealPasswords() throws Exception {
        String binary = dockerCompose();
        String example = Files.readString(ENV_EXAMPLE);
        Result placeholders = config(binary, example);
        assertThat(placeholders.exit).as("a .env copied from .env.example unchanged is refused: " + placeholders.output)
                .isNotZero();
        assertThat(placeholders.output).contains("set REDIS_PASSWORD in .env");
        Result redisOnly = config(binary, withValues(example, Map.of("REDIS_PASSWORD", SECRETS.get("REDIS_PASSWORD"))));
        assertThat(redisOnly.exit).as("GRAFANA_ADMIN_PASSWORD has no default").isNotZero();
        assertThat(redisOnly.output).contains("set GRAFANA_ADMIN_PASSWORD in .env");
        Result ok = config(binary, withValues(example, SECRETS));
        assertThat(ok.exit).as(ok.output).isZero();
        assertThat(ok.output).contains("ingest:", "analytics:", "mcp:", "redis:", "prometheus:", "grafana:");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyContext8VariableOfEnvExampleReachesEveryContext8Service() throws Exception {
        String binary = dockerCompose();
        Map<String, String> dotEnv = variables(Files.readString(ENV_EXAMPLE));
        Result ok = config(binary, withValues(Files.readString(ENV_EXAMPLE), SECRETS));
        assertThat(ok.exit).as(ok.output).isZero();
        Map<String, Object> resolved = (Map<String, Object>) ((Map<String, Object>) new Yaml()
                .load(ok.output.substring(ok.output.indexOf("services:")))).get("services");
        Map<String, Object> declared = (Map<String, Object>) ((Map<String, Object>) new Yaml()
                .load(Files.readString(COMPOSE))).get("services");
        for (String service : List.of("ingest", "analytics", "mcp")) {
            Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) resolved.get(service)).get("environment");
            Map<String, Object> fixed = (Map<String, Object>) ((Map<String, Object>) declared.get(service)).get("environment");
            dotEnv.forEach((name, value) -> {
                if (!name.startsWith("CONTEXT8_")) {
                    return;
                }
                assertThat(env).as(service + " gets " + name).containsKey(name);
                if (!fixed.containsKey(name)) {
                    assertThat(String.valueOf(env.get(name) == null ? "" : env.get(name)))
                            .as(service + " " + name + " from .env").isEqualTo(value);
                }
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableTheServicesUseIsDocumentedInEnvExample() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of(".env.example"))) {
            Matcher m = Pattern.compile("^([A-Z][A-Z0-9_]*)=").matcher(line);
            if (m.find()) {
                documented.add(m.group(1));
            }
        }
        String text = Files.readString(COMPOSE);
        Set<String> used = new TreeSet<>();
        // ${VAR}, ${VAR:-default}, ${VAR:?message}; $$ is a literal $ for the container's shell
        Matcher m = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)").matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        Map<String, Object> services = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(text)).get("services");
        for (String s : List.of("ingest", "analytics", "mcp")) {
            Map<String, Object> env = (Map<String, Object>) ((Map<String, Object>) services.get(s)).get("environment");
            used.addAll(env.keySet());
        }
        assertThat(used).contains("REDIS_PASSWORD", "CONTEXT8_ROLES", "REDIS_URL");
        assertThat(documented).as(".env.example documents every variable docker-compose.yml uses").containsAll(used);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAHealthcheckAndWaitsForHealthyDependencies() throws IOException {
        Map<String, Object> services = (Map<String, Object>) ((Map<String, Object>) new Yaml()
                .load(Files.readString(COMPOSE))).get("services");
        assertThat(services.keySet()).containsExactlyInAnyOrder("redis", "ingest", "analytics", "mcp", "prometheus", "grafana");
        services.forEach((name, value) -> {
            Map<String, Object> s = (Map<String, Object>) value;
            assertThat(s).as(name + " healthcheck").containsKey("healthcheck");
            if (!name.equals("redis")) {
                Map<String, Object> deps = (Map<String, Object>) s.get("depends_on");
                assertThat(deps).as(name + " depends_on").isNotEmpty();
                deps.values().forEach(d -> assertThat(((Map<String, Object>) d).get("condition"))
                        .as(name).isEqualTo("service_healthy"));
            }
            Object ports = s.get("ports");
            if (ports != null) {
                ((List<Object>) ports).forEach(p -> assertThat(p.toString()).as(name + " port").startsWith("127.0.0.1:"));
            }
        });
        assertThat(((Map<String, Object>) services.get("mcp")).get("ports")).isNotNull();
        for (String role : List.of("ingest", "analytics", "mcp")) {
            Map<String, Object> s = (Map<String, Object>) services.get(role);
            assertThat(((Map<String, Object>) s.get("environment")).get("CONTEXT8_ROLES")).isEqualTo(role);
            assertThat(s.get("image")).isEqualTo("context8:local");
        }
        String redisCommand = String.valueOf(((Map<String, Object>) services.get("redis")).get("command"));
        assertThat(redisCommand).contains("--requirepass", "--maxmemory", "--maxmemory-policy noeviction");
        assertThat(String.valueOf(((Map<String, Object>) services.get("redis")).get("image"))).startsWith("redis:7");
    }

    @Test
    void dockerfileIsMultiStageNonRootWithoutBuildToolsAtRuntime() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).contains("maven").contains(" AS build");
        assertThat(from.get(1)).contains("-jre");
        int runtime = lines.indexOf(from.get(1));
        List<String> runtimeLines = lines.subList(runtime, lines.size());
        assertThat(runtimeLines).anyMatch(l -> l.startsWith("USER ") && !l.contains("root"));
        assertThat(String.join("\n", runtimeLines)).doesNotContain("mvn ").doesNotContain("apk add");
    }

    @Test
    void dashboardHasTheListedPanelsAndUsesOnlyDocumentedMetrics() throws IOException {
        JsonNode d = new ObjectMapper().readTree(Path.of("deploy/grafana/dashboards/context8.json").toFile());
        List<String> titles = new ArrayList<>();
        StringBuilder exprs = new StringBuilder();
        for (JsonNode p : d.get("panels")) {
            titles.add(p.get("title").asText().toLowerCase());
            p.get("targets").forEach(t -> exprs.append(t.get("expr").asText()).append('\n'));
            assertThat(p.at("/datasource/uid").asText()).isEqualTo("prometheus");
        }
        for (String wanted : List.of("stream lag", "events/s by type", "calc latency", "report age", "mcp latency",
                "mcp requests", "health score", "anomalies")) {
            assertThat(titles).as("panel " + wanted).anyMatch(t -> t.contains(wanted));
        }
        String metricsDoc = Files.readString(Path.of("docs/metrics.md"));
        Matcher m = Pattern.compile("\\b((?:context8|camel)_[a-z_]+?)(?:_bucket|_sum|_count)?\\b").matcher(exprs);
        Set<String> metrics = new TreeSet<>();
        while (m.find()) {
            metrics.add(m.group(1));
        }
        assertThat(metrics).isNotEmpty();
        metrics.forEach(name -> assertThat(metricsDoc).as("docs/metrics.md documents " + name).contains("`" + name));
        String datasource = Files.readString(Path.of("deploy/grafana/provisioning/datasources/prometheus.yml"));
        assertThat(datasource).contains("uid: prometheus", "url: http://prometheus:9090");
        String prometheus = Files.readString(Path.of("deploy/prometheus/prometheus.yml"));
        assertThat(prometheus).contains("/actuator/prometheus", "ingest", "analytics", "mcp");
        // the mcp role asks for the token on /actuator/prometheus: the scrape sends the file compose writes it to
        Matcher file = Pattern.compile("credentials_file: (\\S+)").matcher(prometheus);
        assertThat(file.find()).as("the mcp scrape carries a bearer credentials file").isTrue();
        assertThat(Files.readString(Path.of("docker-compose.yml")))
                .contains("\"$$CONTEXT8_MCP_TOKEN\" > " + file.group(1));
    }

    private static String dockerCompose() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "docker-compose"))) {
                return Path.of(dir, "docker-compose").toString();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("docker-compose is missing in CI: .ci/run installs it (apt-get install docker-compose)");
        }
        assumeTrue(false, "Skipped: docker-compose is not installed (apt-get install docker-compose)");
        return null;
    }

    record Result(int exit, String output) {
    }

    /** {@code docker-compose config} on a copy of docker-compose.yml next to a .env holding {@code dotEnv}. */
    private static Result config(String binary, String dotEnv) throws Exception {
        Path dir = Files.createTempDirectory("context8-compose");
        try {
            Files.copy(COMPOSE, dir.resolve("docker-compose.yml"));
            Files.writeString(dir.resolve(".env"), dotEnv);
            ProcessBuilder pb = new ProcessBuilder(binary, "config").directory(dir.toFile()).redirectErrorStream(true);
            // no inherited settings or secrets: only the .env of the test
            pb.environment().keySet().removeIf(k -> k.startsWith("REDIS_") || k.startsWith("GRAFANA_")
                    || k.startsWith("CONTEXT8_") || k.startsWith("MCP_") || k.startsWith("SERVER_"));
            pb.environment().put("COMPOSE_PROJECT_NAME", "context8test");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Result(p.exitValue(), out);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** {@code text} (.env lines) with the given variables' values replaced. */
    private static String withValues(String text, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher m = VARIABLE.matcher(line);
            out.append(m.find() && values.containsKey(m.group(1)) ? m.group(1) + "=" + values.get(m.group(1)) : line)
                    .append('\n');
        }
        return out.toString();
    }

    private static Map<String, String> variables(String text) {
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = VARIABLE.matcher(line);
            if (m.find()) {
                vars.put(m.group(1), line.substring(m.end()));
            }
        }
        return vars;
    }
}
