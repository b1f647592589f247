package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.causalheads.compare.ResultRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MethodsSweepCommandTest {

    @TempDir
    Path dir;

    @Test
    void sweepWritesOneRowPerMethodNAndSeedAndResumes() throws Exception {
        Path out = dir.resolve("m.csv");
        String[] args = {"sweep", "methods", "--problem", "network", "--bif", "asia", "--ns", "5,500", "--seeds", "1",
            "--methods", "PC-G2,KG-MI-KL", "--out", out.toString()};
        assertThat(new CommandLine(new Main()).execute(args)).isZero();
        List<String> first = Files.readAllLines(out);
        assertThat(first).hasSize(5);
        assertThat(first.get(0)).isEqualTo(String.join(",", ResultRow.HEADER));
        assertThat(first.get(1)).startsWith("asia,PC-G2,5,1,").contains("too few samples");
        Files.write(out, first.subList(0, 3));
        assertThat(new CommandLine(new Main()).execute(args)).isZero();
        List<String> second = Files.readAllLines(out);
        assertThat(second).hasSize(5);
        assertThat(second.subList(0, 3)).isEqualTo(first.subList(0, 3));
        assertThat(second.get(4)).startsWith("asia,KG-MI-KL,500,1,");
    }

    @Test
    void unknownMethodOrMissingBifIsAnError() {
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cl.execute("sweep", "methods", "--methods", "NOTEARS", "--out", dir.resolve("x.csv").toString())).isNotZero();
        assertThat(cl.execute("sweep", "methods", "--problem", "network", "--bif", dir.resolve("none.bif").toString(),
                "--out", dir.resolve("y.csv").toString())).isNotZero();
    }
}
