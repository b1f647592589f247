package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.causalheads.bn.BayesNet;
import org.causalheads.bn.Bif;
import org.causalheads.compare.ResultRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MethodsSweepCommandTest {

    @TempDir
    Path dir;

    private static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    private static String[] with(String[] base, String... more) {
        List<String> a = new ArrayList<>(Arrays.asList(base));
        a.addAll(Arrays.asList(more));
        return a.toArray(String[]::new);
    }

    @Test
    void sweepWritesOneRowPerMethodNAndSeedAndResumes() throws Exception {
        Path out = dir.resolve("m.csv");
        String[] args = {"sweep", "methods", "--problem", "network", "--bif", "asia", "--ns", "5,500", "--seeds", "1",
            "--methods", "PC-G2,KG-MI-KL", "--out", out.toString()};
        assertThat(run(args)).isZero();
        List<String> first = Files.readAllLines(out);
        assertThat(first).hasSize(5);
        assertThat(first.get(0)).isEqualTo(String.join(",", ResultRow.HEADER));
        List<ResultRow> rows = ResultRow.read(out);
        assertThat(rows).extracting(ResultRow::problem).containsOnly("asia");
        assertThat(rows).extracting(ResultRow::method).containsExactly("PC-G2", "KG-MI-KL", "PC-G2", "KG-MI-KL");
        assertThat(rows.get(0).failure()).contains("too few samples");
        assertThat(rows.get(2).failure()).isEmpty();
        Files.write(out, first.subList(0, 3));
        assertThat(run(args)).isZero();
        List<String> second = Files.readAllLines(out);
        assertThat(second).hasSize(5);
        assertThat(second.subList(0, 3)).isEqualTo(first.subList(0, 3));
        assertThat(ResultRow.read(out).get(3)).satisfies(r -> {
            assertThat(r.method()).isEqualTo("KG-MI-KL");
            assertThat(r.n()).isEqualTo(500);
        });
    }

    @Test
    void sweepsWithDifferentSettingsIntoOneFileBothWriteAndAnIdenticalRerunWritesNone() throws Exception {
        Path out = dir.resolve("k.csv");
        String[] base = {"sweep", "methods", "--problem", "kparent", "--T", "6", "--S", "3", "--ns", "200", "--seeds", "1",
            "--methods", "PC-G2,topK-MI", "--out", out.toString()};
        List<String[]> variants = List.of(base, with(base, "--concentration", "0.5"), with(base, "--max-epochs", "5000"),
                with(base, "--graph", "CHAIN", "--K", "1"), with(base, "--lambda", "0.7,0.3"), with(base, "--extra-roots", "1"));
        int expected = 1;
        for (String[] v : variants) {
            assertThat(run(v)).as(String.join(" ", v)).isZero();
            expected += 2;
            assertThat(Files.readAllLines(out)).as("rows after %s", String.join(" ", v)).hasSize(expected);
        }
        List<ResultRow> rows = ResultRow.read(out);
        Set<String> settings = rows.stream().map(ResultRow::settings).collect(Collectors.toSet());
        assertThat(settings).hasSize(variants.size());
        assertThat(rows.stream().map(ResultRow::key).distinct().count()).isEqualTo(rows.size());

        byte[] before = Files.readAllBytes(out);
        for (String[] v : variants) {
            assertThat(run(v)).isZero();
        }
        assertThat(Files.readAllBytes(out)).as("identical reruns add no rows").isEqualTo(before);
    }

    static BayesNet twoNodes(double pA) {
        return BayesNet.builder("unknown")
                .variable("A", "a0", "a1")
                .variable("B", "b0", "b1")
                .root("A", pA, 1 - pA)
                .cpt("B", List.of("A"), new double[][] {{0.9, 0.1}, {0.2, 0.8}})
                .build();
    }

    @Test
    void bifFilesDeclaringTheSameNetworkNameAreToldApart() throws Exception {
        Path x = dir.resolve("x.bif"), y = dir.resolve("y.bif");
        Path otherX = dir.resolve("other").resolve("x.bif");
        Bif.write(twoNodes(0.3), x);
        Bif.write(twoNodes(0.6), y);
        Bif.write(twoNodes(0.5), otherX);
        assertThat(Files.readString(x)).startsWith("network unknown");
        Path out = dir.resolve("n.csv");
        for (Path bif : List.of(x, y, otherX)) {
            assertThat(run("sweep", "methods", "--problem", "network", "--bif", bif.toString(), "--ns", "300", "--seeds", "1",
                    "--methods", "PC-G2", "--out", out.toString())).isZero();
        }
        List<ResultRow> rows = ResultRow.read(out);
        assertThat(rows).extracting(ResultRow::problem).containsExactly("x", "y", "x");
        assertThat(rows.get(0).settings()).isNotEqualTo(rows.get(2).settings());
        assertThat(rows).allSatisfy(r -> assertThat(r.failure()).isEmpty());
        assertThat(MethodsSweepCommand.networkName(otherX.toString())).isEqualTo("x");
        assertThat(MethodsSweepCommand.networkName("asia")).isEqualTo("asia");
    }

    @Test
    void unknownMethodMissingBifSpecOrSeedIsAnError() throws Exception {
        assertThat(run("sweep", "methods", "--methods", "NOTEARS", "--out", dir.resolve("x.csv").toString())).isNotZero();
        assertThat(run("sweep", "methods", "--problem", "network", "--bif", dir.resolve("none.bif").toString(),
                "--out", dir.resolve("y.csv").toString())).isNotZero();
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{}");
        assertThat(run("sweep", "methods", "--spec", spec.toString(), "--out", dir.resolve("z.csv").toString())).isNotZero();
        assertThat(run("sweep", "methods", "--seed", "4", "--out", dir.resolve("z.csv").toString())).isNotZero();
        assertThat(dir.resolve("z.csv")).doesNotExist();
    }
}
