package io.context8.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File names of the report-to-file sink, and the every-Nth sampler of the webhook sink. */
class RollingReportFileTest {

    @TempDir
    Path dir;

    @Test
    void byDayNamesTheFileAfterTheUtcDayOfWriting() {
        Clock lateUtc = Clock.fixed(Instant.parse("2026-12-02T23:59:59Z"), ZoneOffset.ofHours(5));
        RollingReportFile files = new RollingReportFile(dir.toString(), "reports", "day", 0, lateUtc);
        assertThat(files.fileFor("{}")).isEqualTo("reports-2026-12-02.jsonl");
    }

    @Test
    void bySizeMovesToTheNextFileWhenTheLineWouldNotFit() throws Exception {
        RollingReportFile files = new RollingReportFile(dir.toString(), "r", "size", 10);
        assertThat(files.fileFor("12345")).isEqualTo("r-1.jsonl");
        Files.writeString(dir.resolve("r-1.jsonl"), "12345\n");
        assertThat(files.fileFor("123")).as("6 + 4 bytes fit in 10").isEqualTo("r-1.jsonl");
        Files.writeString(dir.resolve("r-1.jsonl"), "12345\n123\n");
        assertThat(files.fileFor("1")).isEqualTo("r-2.jsonl");
    }

    @Test
    void bySizeAnOversizedLineGetsAFileOfItsOwn() throws Exception {
        RollingReportFile files = new RollingReportFile(dir.toString(), "r", "size", 4);
        assertThat(files.fileFor("123456789")).as("an empty file takes any line").isEqualTo("r-1.jsonl");
        Files.writeString(dir.resolve("r-1.jsonl"), "123456789\n");
        assertThat(files.fileFor("1")).isEqualTo("r-2.jsonl");
    }

    @Test
    void bySizeResumesAtTheHighestExistingFileAfterARestart() throws Exception {
        Files.writeString(dir.resolve("r-3.jsonl"), "x\n");
        Files.writeString(dir.resolve("r-12.jsonl"), "x\n");
        Files.writeString(dir.resolve("other-40.jsonl"), "x\n");
        assertThat(new RollingReportFile(dir.toString(), "r", "size", 100).fileFor("y")).isEqualTo("r-12.jsonl");
    }

    @Test
    void wrongParametersAreRefusedAtCreation() {
        assertThatThrownBy(() -> new RollingReportFile(dir.toString(), "r", "hour", 1))
                .hasMessageContaining("day or size");
        assertThatThrownBy(() -> new RollingReportFile(dir.toString(), "r", "size", 0))
                .hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> new RollingReportFile(dir.toString(), "../r", "day", 0))
                .hasMessageContaining("prefix");
    }

    @Test
    void everyNthTakesTheFirstAndEveryNthOfEachSymbol() {
        EveryNth third = new EveryNth(3);
        StringBuilder taken = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            taken.append(third.take("A") ? 'A' : '.').append(third.take("B") ? 'B' : '.');
        }
        assertThat(taken.toString()).isEqualTo("AB....AB....AB");
        assertThat(new EveryNth(1).take(null)).isTrue();
        assertThatThrownBy(() -> new EveryNth(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
