package io.context8.book;

/**
 * Plain decimal text of numbers for JSON that people and assistants read: never exponent notation
 * ({@code 9e-05}), never binary float noise ({@code 61673.994999999995}), no trailing zeros, no {@code -0}.
 * Each method writes into a caller's {@code char[]} of at least {@link #MAX_CHARS} and returns the length;
 * nothing is allocated. Rounding is half away from zero. Non-finite values have no text: the caller writes
 * null (the methods throw IllegalArgumentException on them).
 */
public final class DecimalText {

    /** Buffer size that holds any double in plain text (309 integer digits, a sign, a dot, decimals). */
    public static final int MAX_CHARS = 400;
    /** Magnitudes below this are written as 0 by {@link #significant} (no market value is that small). */
    public static final double SMALLEST = 1e-40;

    private static final double[] POW10 = new double[23];
    private static final long SCALED_LIMIT = Long.MAX_VALUE / 2;

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private DecimalText() {
    }

    /**
     * A scaled long (8 fractional digits, see {@link Decimals}) rounded to a multiple of {@code step} (scaled,
     * at least 1: {@code 1_000_000} is a tick of 0.01).
     */
    public static int scaled(long scaled, long step, char[] out) {
        return writeScaled(roundToStep(scaled, step), Decimals.SCALE_DIGITS, out, 0);
    }

    /**
     * {@code v} rounded to a multiple of {@code step} (scaled units, at least 1), e.g. a price to its tick. A
     * magnitude beyond the scaled range (about 4.6 × 10^10) is written to 15 significant digits instead.
     */
    public static int rounded(double v, long step, char[] out) {
        finite(v);
        double s = v * Decimals.ONE;
        if (Math.abs(s) >= SCALED_LIMIT) {
            return significant(v, 15, out);
        }
        return scaled(Math.round(s), step, out);
    }

    /** {@code v} rounded to {@code decimals} fractional digits (0..18); huge magnitudes to 17 significant digits. */
    public static int decimals(double v, int decimals, char[] out) {
        finite(v);
        if (decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException("decimals must be 0..18: " + decimals);
        }
        double m = Math.abs(v) * pow10(decimals);
        if (m >= SCALED_LIMIT) {
            return significant(v, 17, out);
        }
        long digits = Math.round(m);
        int n = 0;
        if (v < 0 && digits != 0) {
            out[n++] = '-';
        }
        return writeScaled(digits, decimals, out, n);
    }

    /** {@code v} rounded to {@code digits} significant digits (1..17), plain; below {@link #SMALLEST} it is 0. */
    public static int significant(double v, int digits, char[] out) {
        finite(v);
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("significant digits must be 1..17: " + digits);
        }
        double a = Math.abs(v);
        if (a < SMALLEST) {
            out[0] = '0';
            return 1;
        }
        int n = 0;
        if (v < 0) {
            out[n++] = '-';
        }
        int exp = (int) Math.floor(Math.log10(a));
        int decimals = digits - 1 - exp;
        if (decimals >= 0) {
            long m = Math.round(a * pow10(decimals));
            return writeScaled(m, decimals, out, n);
        }
        long m = Math.round(a / pow10(-decimals));
        n = writeLong(m, out, n);
        for (int i = 0; i < -decimals; i++) {
            out[n++] = '0';
        }
        return n;
    }

    /** Rounds {@code scaled} half away from zero to a multiple of {@code step} (at least 1). */
    public static long roundToStep(long scaled, long step) {
        if (step <= 1) {
            return scaled;
        }
        long q = scaled / step;
        long rem = scaled % step;
        if (Math.abs(rem) * 2 >= step) {
            q += scaled < 0 ? -1 : 1;
        }
        return q * step;
    }

    /** Writes {@code value / 10^decimals} (value may be negative), minimal: trailing fractional zeros dropped. */
    private static int writeScaled(long value, int decimals, char[] out, int start) {
        int n = start;
        if (value < 0) {
            out[n++] = '-';
            value = -value;
        }
        while (decimals > 0 && value % 10 == 0 && value != 0) {
            value /= 10;
            decimals--;
        }
        if (value == 0) {
            out[start] = '0';
            return start + 1;
        }
        int len = 0;
        for (long t = value; t > 0; t /= 10) {
            len++;
        }
        if (decimals == 0) {
            return writeLong(value, out, n);
        }
        if (decimals >= len) { // 0.000ddd
            out[n++] = '0';
            out[n++] = '.';
            for (int i = 0; i < decimals - len; i++) {
                out[n++] = '0';
            }
            return writeLong(value, out, n);
        }
        int end = n + len + 1;
        int pos = end - 1;
        for (int i = 0; i < len; i++) {
            if (i == decimals) {
                out[pos--] = '.';
            }
            out[pos--] = (char) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    private static int writeLong(long v, char[] out, int start) {
        if (v == 0) {
            out[start] = '0';
            return start + 1;
        }
        int len = 0;
        for (long t = v; t > 0; t /= 10) {
            len++;
        }
        for (int i = start + len - 1; i >= start; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return start + len;
    }

    private static double pow10(int k) {
        return k < POW10.length ? POW10[k] : Math.pow(10, k);
    }

    private static void finite(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("no decimal text for " + v);
        }
    }
}
