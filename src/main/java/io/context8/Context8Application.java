package io.context8;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.context8.config.InvalidSettingException;
import io.context8.config.InvalidSettingReporter;

@SpringBootApplication
@ConfigurationPropertiesScan
public class Context8Application {
    /** Command-line flag of MCP stdio mode (README "Connect an MCP client"). */
    public static final String STDIO_FLAG = "--stdio";

    public static void main(String[] args) {
        try {
            SpringApplication.run(Context8Application.class, stdioArguments(args));
        } catch (RuntimeException e) {
            // a setting that cannot work was reported in one line (InvalidSettingReporter): no stack trace
            if (InvalidSettingReporter.invalidSetting(e) != null) {
                System.exit(InvalidSettingException.EXIT_STATUS);
            }
            throw e;
        }
    }

    /**
     * With {@value #STDIO_FLAG}: stdout is reserved for MCP before anything else runs, and the flag becomes
     * stdio transport, no web server, logs to stderr, and (unless CONTEXT8_ROLES says otherwise) the mcp role only.
     */
    static String[] stdioArguments(String[] args) {
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
        io.context8.mcp.StdioStreams.reserveStdout();
        out.add("--context8.mcp.transport=stdio");
        out.add("--spring.main.web-application-type=none");
        out.add("--logging.config=classpath:logback-stdio.xml");
        if (System.getenv("CONTEXT8_ROLES") == null) {
            out.add("--context8.roles=mcp");
        }
        return out.toArray(String[]::new);
    }
}
