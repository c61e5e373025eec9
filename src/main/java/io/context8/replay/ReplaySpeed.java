package io.context8.replay;

import java.util.Locale;

/**
 * How fast a {@link ReplayServer} plays a recording: a factor on the recorded local timestamps
 * ({@code 1} = real time, {@code 10} = ten times faster, {@code 0.5} = half speed), or {@code max}: as fast as
 * the websocket clients accept (bounded by backpressure, never dropping a frame).
 */
public final class ReplaySpeed {

    /** As fast as the clients read. */
    public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);

    /** Real time. */
    public static final ReplaySpeed REAL_TIME = new ReplaySpeed(1.0);

    private final double factor;

    private ReplaySpeed(double factor) {
        this.factor = factor;
    }

    /** A timed speed; the factor must be a finite number above zero. */
    public static ReplaySpeed of(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("Replay speed must be a finite number above 0 or 'max', got " + factor);
        }
        return new ReplaySpeed(factor);
    }

    /**
     * Parses {@code "max"} (any case) or a positive decimal factor such as {@code "1"}, {@code "10"},
     * {@code "0.5"} (a trailing {@code x}, as in {@code "10x"}, is accepted).
     *
     * @throws IllegalArgumentException naming the accepted forms, for anything else
     */
    public static ReplaySpeed parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Replay speed is empty: use 'max' or a factor above 0 such as 1, 10, 0.5");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return MAX;
        }
        String number = t.endsWith("x") ? t.substring(0, t.length() - 1) : t;
        double factor;
        try {
            factor = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Replay speed '" + text
                    + "' is not understood: use 'max' or a factor above 0 such as 1, 10, 0.5");
        }
        if (!(factor > 0) || Double.isInfinite(factor) || number.contains("n") || number.contains("i")) {
            throw new IllegalArgumentException("Replay speed '" + text
                    + "' is out of range: use 'max' or a finite factor above 0 such as 1, 10, 0.5");
        }
        return new ReplaySpeed(factor);
    }

    /** True for {@code max}: no timing, only backpressure. */
    public boolean isMax() {
        return Double.isInfinite(factor);
    }

    /** The time factor; {@code +Infinity} for {@code max}. */
    public double factor() {
        return factor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplaySpeed s && Double.compare(s.factor, factor) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(factor);
    }

    @Override
    public String toString() {
        if (isMax()) {
            return "max";
        }
        return factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor);
    }
}
