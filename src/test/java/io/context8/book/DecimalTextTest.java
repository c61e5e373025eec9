package io.context8.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalTextTest {

    private static final char[] BUF = new char[DecimalText.MAX_CHARS];

    @ParameterizedTest(name = "{0} to step {1} (scaled) -> {2}")
    @CsvSource({
            // 9e-05: a qty of 0.00009 BTC, step 0.00001
            "0.00009, 1000, 0.00009",
            // a mid of 61673.99 and 61674.00: float noise, to a tenth of the 0.01 tick
            "61673.994999999995, 100000, 61673.995",
            "61673.994999999995, 1000000, 61674",
            "0, 1000000, 0",
            "-0.0, 1000000, 0",
            // net flow is negative
            "-12.345678, 1000, -12.34568",
            "-0.000004, 1000, 0",
            "0.1, 1, 0.1",
            "1e-8, 1, 0.00000001",
            "61837.63000000, 1000000, 61837.63",
            // a value past the scaled range falls back to 15 significant digits, still plain
            "123456789012345678, 1000000, 123456789012346000",
    })
    void roundedToStep(double v, long step, String expected) {
        assertThat(text(DecimalText.rounded(v, step, BUF))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} to {1} significant -> {2}")
    @CsvSource({
            "12345678.9, 8, 12345679",
            "1.23456789E7, 6, 12345700",
            "3899400.0000000005, 8, 3899400",
            "16557899.999999998, 8, 16557900",
            "0.0123456789, 8, 0.012345679",
            "9e-05, 6, 0.00009",
            "1e-40, 6, 0.0000000000000000000000000000000000000001",
            "1e-41, 6, 0",
            "0, 6, 0",
            "-2.5e12, 6, -2500000000000",
            "999.9999999, 6, 1000",
            "1e300, 3, 1" + "00000000000000000000000000000000000000000000000000"
                    + "00000000000000000000000000000000000000000000000000"
                    + "00000000000000000000000000000000000000000000000000"
                    + "00000000000000000000000000000000000000000000000000"
                    + "00000000000000000000000000000000000000000000000000"
                    + "00000000000000000000000000000000000000000000000000",
    })
    void significantDigits(double v, int digits, String expected) {
        String s = text(DecimalText.significant(v, digits, BUF));
        assertThat(s).isEqualTo(expected).doesNotContain("E").doesNotContain("e");
    }

    @ParameterizedTest(name = "{0} to {1} decimals -> {2}")
    @CsvSource({
            "0.0103, 2, 0.01",
            "52.8049999, 2, 52.8",
            "-0.004, 2, 0",
            "-1.23456, 4, -1.2346",
            "0.25, 4, 0.25",
            "95.25, 1, 95.3",
            "100, 1, 100",
    })
    void fixedDecimals(double v, int decimals, String expected) {
        assertThat(text(DecimalText.decimals(v, decimals, BUF))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "scaled {0} to step {1} -> {2}")
    @CsvSource({
            "6183763000000, 1000000, 61837.63",
            "9000, 1000, 0.00009",
            "6183763500000, 1000000, 61837.64",
            "-6183763500000, 1000000, -61837.64",
            "100000000, 1, 1",
            "0, 1, 0",
    })
    void scaledLongs(long scaled, long step, String expected) {
        assertThat(text(DecimalText.scaled(scaled, step, BUF))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} has no text")
    @CsvSource({"NaN", "Infinity", "-Infinity"})
    void nonFiniteIsRefused(double v) {
        assertThatThrownBy(() -> DecimalText.significant(v, 6, BUF)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecimalText.rounded(v, 1, BUF)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(int len) {
        return new String(BUF, 0, len);
    }
}
