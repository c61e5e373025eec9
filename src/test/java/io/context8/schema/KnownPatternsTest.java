package io.context8.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.networknt.schema.regex.RegularExpression;

class KnownPatternsTest {

    private static final String ALPHABET = "0123456789.-ABZaz_ 9.";

    @ParameterizedTest
    @ValueSource(strings = {KnownPatterns.DECIMAL, KnownPatterns.SIGNED_DECIMAL, KnownPatterns.SYMBOL,
            KnownPatterns.VENUE})
    void scannerAgreesWithTheRegularExpressionOnGeneratedText(String regex) {
        RegularExpression scanner = new KnownPatterns().getRegularExpression(regex);
        Pattern jdk = Pattern.compile(regex);
        SplittableRandom random = new SplittableRandom(regex.hashCode());
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String s = generated(random);
            boolean expected = jdk.matcher(s).find();
            assertThat(scanner.matches(s)).as("%s on \"%s\"", regex, s).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("generated text must hit both outcomes").isBetween(100, 199_900);
    }

    @Test
    void decimalEdgeCases() {
        RegularExpression d = new KnownPatterns().getRegularExpression(KnownPatterns.DECIMAL);
        assertThat(d.matches("0")).isTrue();
        assertThat(d.matches("65000.12000000")).isTrue();
        assertThat(d.matches("12345678901234567890.123456789012345678")).isTrue();
        assertThat(d.matches("123456789012345678901")).as("21 integer digits").isFalse();
        assertThat(d.matches("1.1234567890123456789")).as("19 fraction digits").isFalse();
        assertThat(d.matches("")).isFalse();
        assertThat(d.matches(".5")).isFalse();
        assertThat(d.matches("5.")).isFalse();
        assertThat(d.matches("-1")).isFalse();
        assertThat(d.matches("1e5")).isFalse();
        assertThat(d.matches("NaN")).isFalse();
        assertThat(d.matches("1.0\n")).as("stricter than java.util.regex's $").isFalse();
        assertThat(new KnownPatterns().getRegularExpression(KnownPatterns.SIGNED_DECIMAL).matches("-0.5")).isTrue();
    }

    @Test
    void otherPatternsFallBackToJavaRegex() {
        RegularExpression r = new KnownPatterns().getRegularExpression("^ab+c$");
        assertThat(r.matches("abbbc")).isTrue();
        assertThat(r.matches("ac")).isFalse();
    }

    private static String generated(SplittableRandom random) {
        int len = random.nextInt(0, 44);
        StringBuilder b = new StringBuilder(len);
        boolean digitsMostly = random.nextBoolean();
        for (int i = 0; i < len; i++) {
            b.append(digitsMostly && random.nextInt(10) < 8 ? (char) ('0' + random.nextInt(10))
                    : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
