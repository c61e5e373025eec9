package io.context8.market;

import java.util.Optional;

/** The candle intervals built from the trade stream, named as Binance klines. */
public enum CandleInterval {
    S1("1s", 1_000L),
    M1("1m", 60_000L),
    M5("5m", 300_000L),
    M15("15m", 900_000L),
    H1("1h", 3_600_000L);

    private final String label;
    private final long millis;

    CandleInterval(String label, long millis) {
        this.label = label;
        this.millis = millis;
    }

    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }

    /** The interval named {@code label} ({@code 1s}, {@code 1m}, {@code 5m}, {@code 15m}, {@code 1h}). */
    public static Optional<CandleInterval> of(String label) {
        for (CandleInterval i : values()) {
            if (i.label.equals(label)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
