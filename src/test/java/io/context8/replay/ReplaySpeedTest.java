package io.context8.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplaySpeedTest {

    @ParameterizedTest(name = "\"{0}\" -> factor {1}")
    @CsvSource({"1,1.0", "10,10.0", "0.5,0.5", "' 2 ',2.0", "10x,10.0", "1e2,100.0"})
    void parsesFactors(String text, double factor) {
        ReplaySpeed s = ReplaySpeed.parse(text);
        assertThat(s.isMax()).isFalse();
        assertThat(s.factor()).isEqualTo(factor);
    }

    @ParameterizedTest(name = "\"{0}\" is max")
    @ValueSource(strings = {"max", "MAX", " Max "})
    void parsesMax(String text) {
        assertThat(ReplaySpeed.parse(text)).isEqualTo(ReplaySpeed.MAX);
        assertThat(ReplaySpeed.parse(text).isMax()).isTrue();
        assertThat(ReplaySpeed.parse(text)).hasToString("max");
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {"", " ", "fast", "0", "-1", "NaN", "Infinity", "1e400", "1..2", "x", "maxx"})
    void rejectsGarbage(String text) {
        assertThatThrownBy(() -> ReplaySpeed.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'max'");
    }

    @org.junit.jupiter.api.Test
    void rejectsNull() {
        assertThatThrownBy(() -> ReplaySpeed.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplaySpeed.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
