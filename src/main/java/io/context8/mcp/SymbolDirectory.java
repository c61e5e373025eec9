package io.context8.mcp;

import java.util.List;

/**
 * The symbols the serving side answers for: those the analytics role reports on. A process that runs analytics
 * itself knows them from its configuration ({@link #fixed}); an MCP process on its own reads them from Redis
 * ({@link RegistrySymbolDirectory}), never from its own {@code context8.symbols}.
 */
public interface SymbolDirectory {

    /** The indexed symbols, in a stable order; empty when none is known yet. */
    List<String> symbols();

    /** One sentence naming the indexed symbols for the tool descriptions, which are built once at start-up. */
    String describe();

    /** The configured symbols of a process that also runs the analytics role. */
    static SymbolDirectory fixed(List<String> symbols) {
        List<String> copy = List.copyOf(symbols);
        return new SymbolDirectory() {
            @Override
            public List<String> symbols() {
                return copy;
            }

            @Override
            public String describe() {
                return "Indexed symbols: " + String.join(", ", copy) + ".";
            }
        };
    }
}
