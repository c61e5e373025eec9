package io.context8;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the stdio flag turns into, by environment (README "Connect an MCP client"). */
class Context8ApplicationTest {

    @Test
    void withoutRedisUrlStdioRunsEveryRoleOnTheEmbeddedRedis() {
        assertThat(Context8Application.stdioArguments(new String[] {"--stdio"}, Map.of()))
                .contains("--context8.mcp.transport=stdio", "--spring.main.web-application-type=none")
                .noneMatch(a -> a.startsWith("--context8.roles"));
    }

    @Test
    void withRedisUrlStdioOnlyReadsThatRedis() {
        assertThat(Context8Application.stdioArguments(new String[] {"--stdio"},
                Map.of("REDIS_URL", "redis://127.0.0.1:6380"))).contains("--context8.roles=mcp");
    }

    @Test
    void explicitRolesWin() {
        assertThat(Context8Application.stdioArguments(new String[] {"--stdio"},
                Map.of("REDIS_URL", "redis://127.0.0.1:6380", "CONTEXT8_ROLES", "mcp,analytics")))
                .noneMatch(a -> a.startsWith("--context8.roles"));
    }

    @Test
    void withoutTheFlagTheArgumentsAreUntouched() {
        String[] args = {"--server.port=1"};
        assertThat(Context8Application.stdioArguments(args, Map.of())).isSameAs(args);
    }
}
