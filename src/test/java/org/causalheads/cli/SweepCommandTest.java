package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SweepCommandTest {

    @TempDir
    Path dir;

    @Test
    void sweepWritesTidyRowsAndResumesBySkippingExistingOnes() throws Exception {
        Path out = dir.resolve("s.csv");
        String[] args = {"sweep", "--Ts", "6,8", "--gammas", "1.0", "--seeds", "1", "--S", "3", "--out", out.toString()};
        assertThat(new CommandLine(new Main()).execute(args)).isZero();
        List<String> first = Files.readAllLines(out);
        assertThat(first).hasSize(3);
        assertThat(first.get(0)).isEqualTo(String.join(",", SweepCommand.HEADER));
        // drop the last row, as if interrupted, and rerun: only that row is redone
        Files.write(out, first.subList(0, 2));
        assertThat(new CommandLine(new Main()).execute(args)).isZero();
        List<String> second = Files.readAllLines(out);
        assertThat(second).hasSize(3);
        assertThat(second.get(2).split(",")[0]).isEqualTo("8");
    }
}
