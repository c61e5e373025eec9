package io.context8.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.context8.market.MarketDataJson;

/** The symbol list of an MCP process without analytics: the registry in Redis, re-read at most once a second. */
class RegistrySymbolDirectoryTest {

    /** The registry as the route would return it (highest score first); fails while {@code down}. */
    static final class Registry implements MarketDataReader {
        List<String> members = new ArrayList<>();
        boolean down;
        int reads;

        @Override
        public Optional<String> get(String key) {
            throw new AssertionError("not read");
        }

        @Override
        public List<String> newest(String key, int count) {
            assertThat(key).isEqualTo(MarketDataJson.symbolsKey());
            reads++;
            if (down) {
                throw new BackendUnavailableException("down", new RuntimeException());
            }
            return members;
        }
    }

    final Registry registry = new Registry();
    final AtomicLong now = new AtomicLong(1_000_000);
    final RegistrySymbolDirectory directory = new RegistrySymbolDirectory(registry, 1000, now::get);

    @Test
    void listsWhatAnalyticsRegisteredSortedNotAnyConfiguredDefault() {
        registry.members = List.of("SOLUSDT", "BTCUSDT");
        assertThat(directory.symbols()).containsExactly("BTCUSDT", "SOLUSDT");
        assertThat(directory.describe()).contains("list_symbols").doesNotContain("ETHUSDT");
    }

    @Test
    void anEmptyRegistryIsReadAgainAtTheNextCall() {
        assertThat(directory.symbols()).isEmpty();
        registry.members = List.of("BTCUSDT");
        assertThat(directory.symbols()).as("no refresh interval after an empty read").containsExactly("BTCUSDT");
    }

    @Test
    void aFailedReadIsTriedAgainAtTheNextCall() {
        registry.down = true;
        assertThat(directory.symbols()).isEmpty();
        registry.down = false;
        registry.members = List.of("BTCUSDT");
        assertThat(directory.symbols()).as("no refresh interval after a failure").containsExactly("BTCUSDT");
    }

    @Test
    void readsRedisAtMostOncePerRefreshInterval() {
        registry.members = List.of("BTCUSDT");
        for (int i = 0; i < 10; i++) {
            directory.symbols();
        }
        assertThat(registry.reads).isEqualTo(1);
        now.addAndGet(999);
        directory.symbols();
        assertThat(registry.reads).isEqualTo(1);
        now.addAndGet(1);
        directory.symbols();
        assertThat(registry.reads).isEqualTo(2);
    }

    @Test
    void keepsTheLastListWhileRedisIsUnreadable() {
        registry.members = List.of("BTCUSDT");
        directory.symbols();
        registry.down = true;
        now.addAndGet(1000);
        assertThat(directory.symbols()).containsExactly("BTCUSDT");
        registry.down = false;
        registry.members = List.of("BTCUSDT", "ETHUSDT");
        now.addAndGet(1000);
        assertThat(directory.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
    }

    @Test
    void lookupMessagesNameTheRegisteredSymbols() {
        registry.members = List.of("SOLUSDT");
        ReportLookup lookup = new ReportLookup(symbol -> Optional.empty(), directory);
        ReportLookup.Failed f = (ReportLookup.Failed) lookup.lookup("BTCUSDT");
        assertThat(f.error()).isEqualTo(ReportError.SYMBOL_NOT_INDEXED);
        assertThat(f.message()).contains("this server indexes SOLUSDT");
        registry.members = List.of();
        now.addAndGet(1000);
        assertThat(((ReportLookup.Failed) lookup.lookup("BTCUSDT")).message()).contains("no symbol yet");
    }
}
