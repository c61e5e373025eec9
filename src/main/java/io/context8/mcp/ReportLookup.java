package io.context8.mcp;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks a report up for a client-supplied symbol: validates it, asks the {@link ReportReader} and turns
 * every outcome into either the report text or a {@link ReportError} with a message written for an LLM.
 * Shared by the MCP tool and {@code GET /get_report}.
 */
public final class ReportLookup {

    private static final Logger LOG = LoggerFactory.getLogger(ReportLookup.class);
    /** One WARN line per back-off step while the store stays unreachable (a request every 100 ms is 10 lines a second). */
    private final io.context8.errors.FailureLog failures = new io.context8.errors.FailureLog(LOG);

    /** Symbol syntax, as in the tool's input schema and the report's {@code symbol} field. */
    public static final String SYMBOL_REGEX = "^[A-Z0-9]{2,20}$";
    private static final Pattern SYMBOL = Pattern.compile(SYMBOL_REGEX);

    private final ReportReader reader;
    private final SymbolDirectory symbols;

    public ReportLookup(ReportReader reader, List<String> configuredSymbols) {
        this(reader, SymbolDirectory.fixed(configuredSymbols));
    }

    public ReportLookup(ReportReader reader, SymbolDirectory symbols) {
        this.reader = reader;
        this.symbols = symbols;
    }

    /** The outcome of one lookup. */
    public sealed interface Outcome permits Found, Failed {
    }

    /** The published report, as stored. */
    public record Found(String symbol, String reportJson) implements Outcome {
    }

    /** No report; {@code symbol} is null when the argument was not a valid symbol. */
    public record Failed(ReportError error, String message, String symbol) implements Outcome {
    }

    public static boolean isValidSymbol(Object value) {
        return value instanceof String s && SYMBOL.matcher(s).matches();
    }

    /** The indexed symbols: the analytics role's (see {@link SymbolDirectory}). */
    public List<String> configuredSymbols() {
        return symbols.symbols();
    }

    /** One sentence naming the indexed symbols, for tool and resource descriptions. */
    public String describeSymbols() {
        return symbols.describe();
    }

    public Outcome lookup(Object symbolArgument) {
        if (!isValidSymbol(symbolArgument)) {
            return new Failed(ReportError.INVALID_SYMBOL, invalidSymbolMessage(), null);
        }
        String symbol = (String) symbolArgument;
        Optional<String> report;
        try {
            report = reader.read(symbol);
        } catch (BackendUnavailableException e) {
            failures.failed("backend", "Report store unavailable reading {}: {}", symbol, e.getMessage());
            return new Failed(ReportError.BACKEND_UNAVAILABLE,
                    "The report store is unavailable right now; retry in a few seconds.", symbol);
        } catch (RuntimeException e) {
            LOG.error("Report read failed for {}", symbol, e);
            return new Failed(ReportError.INTERNAL_ERROR, "The report could not be read.", symbol);
        }
        if (report == null || report.isEmpty() || report.get().isBlank()) {
            return new Failed(ReportError.SYMBOL_NOT_INDEXED, notIndexedMessage(symbol), symbol);
        }
        return new Found(symbol, report.get());
    }

    /** Allocates: builds the message text. */
    String invalidSymbolMessage() {
        List<String> configuredSymbols = configuredSymbols();
        return "symbol must be an uppercase exchange symbol of 2-20 characters A-Z/0-9, e.g. "
                + (configuredSymbols.isEmpty() ? "BTCUSDT" : configuredSymbols.get(0)) + ".";
    }

    private String notIndexedMessage(String symbol) {
        List<String> configuredSymbols = configuredSymbols();
        if (configuredSymbols.contains(symbol)) {
            return "No report for " + symbol + " yet: it is indexed but no report has been published"
                    + " (just started, or ingestion is down); retry shortly.";
        }
        return "No report for " + symbol + ": this server indexes " + indexed(configuredSymbols) + ".";
    }

    /** "A, B", or a sentence when no symbol is indexed yet. */
    static String indexed(List<String> symbols) {
        return symbols.isEmpty() ? "no symbol yet (no analytics process has reported to its Redis)"
                : String.join(", ", symbols);
    }
}
