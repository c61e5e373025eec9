package io.context8.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.spec.McpSchema;

class SymbolCompletionsTest {

    private static SymbolCompletions completions(List<String> symbols) {
        return new SymbolCompletions(new ReportLookup(new InMemoryReportReader(), SymbolDirectory.fixed(symbols)));
    }

    private static McpSchema.CompleteResult.CompleteCompletion complete(SymbolCompletions c, String argument,
            String value) {
        return c.complete(new McpSchema.CompleteRequest(new McpSchema.PromptReference(ReportResources.PROMPT),
                new McpSchema.CompleteRequest.CompleteArgument(argument, value))).completion();
    }

    @ParameterizedTest(name = "\"{0}\" completes to {1}")
    @CsvSource(delimiter = ';', value = {
            "'';BTCUSDT ETHUSDT ETHBTC", "e;ETHUSDT ETHBTC", "ETH;ETHUSDT ETHBTC", " bt ;BTCUSDT", "ethb;ETHBTC",
            "x;''"})
    void prefixCaseInsensitive(String typed, String expected) {
        var result = complete(completions(List.of("BTCUSDT", "ETHUSDT", "ETHBTC")), "symbol", typed);
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
        assertThat(result.values()).containsExactlyElementsOf(want);
        assertThat(result.total()).isEqualTo(want.size());
        assertThat(result.hasMore()).isFalse();
    }

    @Test
    @DisplayName("more than 100 matches: the first 100, with the total and hasMore")
    void capped() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(String.format("X%03dUSDT", i));
        }
        var result = complete(completions(many), "symbol", "x");
        assertThat(result.values()).hasSize(100).startsWith("X000USDT");
        assertThat(result.total()).isEqualTo(250);
        assertThat(result.hasMore()).isTrue();
    }

    @Test
    @DisplayName("another argument, or none: nothing")
    void otherArgument() {
        assertThat(complete(completions(List.of("BTCUSDT")), "interval", "1").values()).isEmpty();
        assertThat(completions(List.of("BTCUSDT")).specifications()).hasSize(2);
    }
}
