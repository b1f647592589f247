package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time-and-memory sidecar of the {@code amortised} command. */
class RunFootprintTest {

    @TempDir
    Path dir;

    @Test
    void theSidecarSitsBesideTheCsv() {
        assertThat(RunFootprint.beside(Path.of("data", "amortised_d50.csv"))).isEqualTo(Path.of("data", "amortised_d50.runs.csv"));
        assertThat(RunFootprint.beside(Path.of("x.shard-1-of-3.csv"))).isEqualTo(Path.of("x.shard-1-of-3.runs.csv"));
    }

    @Test
    void thePeakHeapCoversAnArrayHeldDuringTheMeasurement() {
        RunFootprint meter = RunFootprint.start();
        long[] held = new long[8 << 20]; // 64 MB
        held[held.length - 1] = 1;
        assertThat(meter.heapPeakBytes()).isGreaterThanOrEqualTo(8L * held.length);
        assertThat(held[held.length - 1]).isEqualTo(1);
        long rss = RunFootprint.residentPeakBytes();
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertThat(rss).isGreaterThanOrEqualTo(8L * held.length);
        } else {
            assertThat(rss).isEqualTo(-1);
        }
    }

    @Test
    void linesAppendUnderOneHeaderAndTextCellsWithCommasAreRefused() throws Exception {
        Path f = dir.resolve("r.runs.csv");
        RunFootprint meter = RunFootprint.start();
        meter.append(f, "a", 10, "raw", 3, "k=v", "", 1.5, 12, 0.25);
        meter.append(f, "b", 10, "raw", 4, "k=v", "1/2", 0, 3, 0.5);
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(String.join(",", RunFootprint.HEADER));
        assertThat(lines.subList(1, 3)).allMatch(l -> l.split(",", -1).length == RunFootprint.HEADER.size());
        assertThat(lines.get(2).split(",", -1)[6]).isEqualTo("1/2");
        assertThatThrownBy(() -> meter.append(f, "a", 10, "raw", 3, "k=v,w", "", 1, 1, 1)).hasMessageContaining("'k=v,w'");
    }
}
