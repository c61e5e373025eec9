package io.context8.book;

/**
 * Binance decimal text ({@code "61837.63000000"}) as scaled longs with 8 fractional digits: the long
 * {@code 6183763000000} means 61837.63. Parsing reads a {@link CharSequence} range and never allocates on
 * success.
 *
 * <p>Rejection convention: invalid input throws {@link NumberFormatException} (allocates, but only on the
 * error path). Rejected: empty text, a sign ({@code -} or {@code +}), anything but digits and one dot,
 * {@code NaN}/{@code Infinity}, a dot without digits on both sides, values above {@link #MAX_TEXT}, and more
 * than 8 fractional digits unless the extra digits are all zeros (no rounding: a price that does not fit
 * the scale exactly is an error, not silently rounded). Text without a dot ({@code "5"}) is accepted.
 */
public final class Decimals {

    /** Fractional digits of the scale. */
    public static final int SCALE_DIGITS = 8;
    /** 10^8: the scaled long of 1. */
    public static final long ONE = 100_000_000L;
    /** Largest accepted value, {@code Long.MAX_VALUE} scaled: 92233720368.54775807. */
    public static final String MAX_TEXT = "92233720368.54775807";

    private Decimals() {
    }

    /** Parses the whole text; see the class comment for what is rejected. */
    public static long parse(CharSequence s) {
        return parse(s, 0, s.length());
    }

    /** Parses {@code s[from, to)} into a scaled long without allocating; throws NumberFormatException. */
    public static long parse(CharSequence s, int from, int to) {
        if (from < 0 || to > s.length() || from >= to) {
            throw bad(s, from, to, "empty");
        }
        long whole = 0;
        int i = from;
        int wholeDigits = 0;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                break;
            }
            if (c < '0' || c > '9') {
                throw bad(s, from, to, "not a non-negative decimal");
            }
            if (whole > (Long.MAX_VALUE / ONE)) {
                throw bad(s, from, to, "too large");
            }
            whole = whole * 10 + (c - '0');
            wholeDigits++;
        }
        if (wholeDigits == 0) {
            throw bad(s, from, to, "no digits before the dot");
        }
        long frac = 0;
        int fracDigits = 0;
        if (i < to) { // at the dot
            i++;
            if (i == to) {
                throw bad(s, from, to, "no digits after the dot");
            }
            for (; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    throw bad(s, from, to, "not a non-negative decimal");
                }
                if (fracDigits < SCALE_DIGITS) {
                    frac = frac * 10 + (c - '0');
                    fracDigits++;
                } else if (c != '0') {
                    throw bad(s, from, to, "more than 8 significant fractional digits");
                }
            }
        }
        for (int k = fracDigits; k < SCALE_DIGITS; k++) {
            frac *= 10;
        }
        if (whole > Long.MAX_VALUE / ONE) {
            throw bad(s, from, to, "too large");
        }
        long scaledWhole = whole * ONE;
        if (scaledWhole > Long.MAX_VALUE - frac) {
            throw bad(s, from, to, "too large");
        }
        return scaledWhole + frac;
    }

    /** The scaled long as a double (exact to the nearest double; Binance prices and sizes stay below 2^53). */
    public static double toDouble(long scaled) {
        return scaled / (double) ONE;
    }

    /** Plain text with all 8 fractional digits, like Binance ({@code "61837.63000000"}). Allocates. */
    public static String toPlainString(long scaled) {
        return appendTo(new StringBuilder(24), scaled).toString();
    }

    /** Appends the plain text with 8 fractional digits; allocates only if the builder grows. */
    public static StringBuilder appendTo(StringBuilder sb, long scaled) {
        if (scaled < 0) {
            throw new IllegalArgumentException("negative scaled value: " + scaled);
        }
        sb.append(scaled / ONE).append('.');
        long frac = scaled % ONE;
        for (long d = ONE / 10; d > 0; d /= 10) {
            sb.append((char) ('0' + (frac / d) % 10));
        }
        return sb;
    }

    /**
     * Appends the minimal plain text ({@code 61837.63}, {@code 0.00009}, {@code 5}): no padding zeros, never
     * exponent notation; the value is exact (Binance prices and sizes are on their tick and step, so this is
     * the value rounded to them). Allocates only if the builder grows.
     */
    public static StringBuilder appendPlain(StringBuilder sb, long scaled) {
        if (scaled < 0) {
            throw new IllegalArgumentException("negative scaled value: " + scaled);
        }
        sb.append(scaled / ONE);
        long frac = scaled % ONE;
        if (frac == 0) {
            return sb;
        }
        sb.append('.');
        for (long d = ONE / 10; frac > 0; d /= 10) {
            sb.append((char) ('0' + frac / d));
            frac %= d;
        }
        return sb;
    }

    private static NumberFormatException bad(CharSequence s, int from, int to, String why) {
        String text = (from >= 0 && to <= s.length() && from <= to) ? s.subSequence(from, to).toString() : s.toString();
        return new NumberFormatException("Invalid Binance decimal \"" + text + "\": " + why);
    }
}
