package io.context8.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "61837.63000000, 6183763000000",
            "0.00000000, 0",
            "0, 0",
            "5, 500000000",
            "0.00000001, 1",
            "1.5, 150000000",
            "0.1234567800, 12345678",
            "92233720368.54775807, 9223372036854775807",
            "00012.5, 1250000000",
    })
    void parsesValidText(String text, long expected) {
        assertThat(Decimals.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {"", "-1.0", "+1.0", "NaN", "Infinity", "1e5", "1.", ".5", "1.2.3", "abc", " 1",
            "0.000000001", "1.123456789", "92233720368.54775808", "92233720369", "99999999999999999999"})
    void rejectsGarbage(String text) {
        assertThatThrownBy(() -> Decimals.parse(text)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void parsesRangeOfLargerText() {
        String frame = "[\"61837.63000000\",\"3.78826000\"]";
        assertThat(Decimals.parse(frame, 2, 16)).isEqualTo(6183763000000L);
        assertThat(Decimals.parse(frame, 19, 29)).isEqualTo(378826000L);
    }

    @Test
    void formatsBack() {
        assertThat(Decimals.toPlainString(6183763000000L)).isEqualTo("61837.63000000");
        assertThat(Decimals.toPlainString(0)).isEqualTo("0.00000000");
        assertThat(Decimals.toPlainString(Long.MAX_VALUE)).isEqualTo(Decimals.MAX_TEXT);
        assertThat(Decimals.toDouble(6183763000000L)).isEqualTo(61837.63);
        assertThat(Decimals.toDouble(1)).isEqualTo(1e-8);
    }

    @Test
    void roundTrips() {
        for (String s : new String[] {"61837.63000000", "0.00000001", "3.78826000"}) {
            assertThat(Decimals.toPlainString(Decimals.parse(s))).isEqualTo(s);
        }
    }
}
