package io.context8;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.context8.config.InvalidSettingException;
import io.context8.config.InvalidSettingReporter;
import io.context8.routes.RouteExport;

@SpringBootApplication
@ConfigurationPropertiesScan
public class Context8Application {
    /** Command-line flag of MCP stdio mode (README "Connect an MCP client"). */
    public static final String STDIO_FLAG = "--stdio";

    public static void main(String[] args) {
        if (RouteExport.requested(args)) { // writes the built-in routes to a folder; no context is started
            System.exit(RouteExport.run(args, System.out, System.err));
        }
        String[] arguments = stdioArguments(args, System.getenv());
        if (arguments != args) {
            io.context8.mcp.StdioStreams.reserveStdout();
        }
        try {
            SpringApplication.run(Context8Application.class, arguments);
        } catch (RuntimeException e) {
            // a setting that cannot work was reported in one line (InvalidSettingReporter): no stack trace
            if (InvalidSettingReporter.invalidSetting(e) != null) {
                System.exit(InvalidSettingException.EXIT_STATUS);
            }
            throw e;
        }
    }

    /**
     * With {@value #STDIO_FLAG}: the flag becomes stdio transport, no web server and logs to stderr (and
     * {@code main} reserves stdout for MCP before anything else runs). Unless CONTEXT8_ROLES says otherwise, the
     * roles follow from {@code REDIS_URL}: with it, the mcp role only (it reads the reports a running context8
     * writes there); without it, every role, self-contained on an embedded Redis (ingest, analytics and MCP in
     * one process, as a client such as Claude Desktop launches it). Returns {@code args} itself without the flag.
     */
    static String[] stdioArguments(String[] args, Map<String, String> env) {
        java.util.List<String> out = new java.util.ArrayList<>();
        boolean stdio = false;
        for (String a : args) {
            if (STDIO_FLAG.equals(a)) {
                stdio = true;
            } else {
                out.add(a);
            }
        }
        if (!stdio) {
            return args;
        }
        out.add("--context8.mcp.transport=stdio");
        out.add("--spring.main.web-application-type=none");
        out.add("--logging.config=classpath:logback-stdio.xml");
        String redisUrl = env.get("REDIS_URL");
        if (env.get("CONTEXT8_ROLES") == null && redisUrl != null && !redisUrl.isBlank()) {
            out.add("--context8.roles=mcp");
        }
        return out.toArray(String[]::new);
    }
}
