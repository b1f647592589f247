package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep run as 3 shards, each in its own JVM (started together, as a job array would), merges
 * into the file the unsharded run writes: same lines in the same order, equal apart from the
 * timing column. The shards partition the rows, and the {@code --shard} value is checked.
 */
class ShardMergeTest {

    private static final Path HOME = Paths.get("").toAbsolutePath();

    @TempDir
    Path dir;

    static final String[] METHODS = {"sweep", "methods", "--problem", "kparent", "--T", "6", "--S", "3", "--K", "1",
            "--ns", "100,300", "--seeds", "1,2", "--methods", "PC-chi2,KG-MI-KL,MI-attention", "--max-epochs", "50"};
    static final String[] KGMI = {"sweep", "--Ts", "6,8", "--gammas", "1.0", "--seeds", "1,2", "--S", "3",
            "--max-epochs", "100"};
    static final String[] PAPER = {"incontext-paper", "--graphs", "4", "--S", "3", "--T", "6", "--steps", "10",
            "--batch", "8", "--threads", "1"};

    @Test
    void methodsSweepInThreeProcessesMergesToTheUnshardedFile() throws Exception {
        Path full = dir.resolve("full.csv");
        Path part = dir.resolve("part.csv");
        assertMergedEqualsUnsharded(METHODS, full, part, full, part, "millis");
    }

    @Test
    void kgmiSweepInThreeProcessesMergesToTheUnshardedFile() throws Exception {
        Path full = dir.resolve("full.csv");
        Path part = dir.resolve("part.csv");
        assertMergedEqualsUnsharded(KGMI, full, part, full, part, "seconds");
    }

    @Test
    void incontextPaperInThreeProcessesMergesToTheUnshardedFile() throws Exception {
        Path full = dir.resolve("full");
        Path part = dir.resolve("part");
        assertMergedEqualsUnsharded(PAPER, full, part, full.resolve("trees_results.csv"),
                part.resolve("trees_results.csv"), "seconds");
        // the per-graph files the shards wrote are those of the unsharded run (timing aside)
        for (int g = 0; g < 4; g++) {
            String loss = String.format("trees/graph_%02d_loss.csv", g);
            assertThat(Files.readString(part.resolve(loss))).isEqualTo(Files.readString(full.resolve(loss)));
        }
    }

    @Test
    void slurmScriptInLocalModeRunsTheShardsAndTheMerge() throws Exception {
        Path full = dir.resolve("full.csv");
        Process p = start(METHODS, full, null, "full");
        assertThat(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0).isTrue();
        Path merged = dir.resolve("local/m.csv");
        assertThat(script(List.of("--local", "3", merged.toString()), null)).isZero();
        int col = Arrays.asList(Files.readAllLines(full).get(0).split(",", -1)).indexOf("millis");
        assertThat(withoutColumn(Files.readString(merged), col)).isEqualTo(withoutColumn(Files.readString(full), col));
        assertThat(dir.resolve("logs/shard-3-of-3.out")).exists();
        // an existing output is kept unless --overwrite is given
        assertThat(script(List.of("--local", "3", merged.toString()), null)).isEqualTo(2);
        assertThat(script(List.of("--local", "--overwrite", "3", merged.toString()), null)).isZero();
    }

    /**
     * The submitting path, with a stand-in {@code sbatch} on the PATH that records its arguments and
     * runs what it is given at once (array tasks with {@code SLURM_ARRAY_TASK_ID} set, in order).
     */
    @Test
    void slurmScriptSubmitsAnArrayAndADependentMerge() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("sbatch.log");
        Path sbatch = bin.resolve("sbatch");
        Files.writeString(sbatch, """
                #!/usr/bin/env bash
                echo "$*" >> "$SBATCH_LOG"
                array=""
                while [[ $# -gt 0 && $1 == --* ]]; do
                  case $1 in
                    --array=*) array=${1#--array=} ;;
                    --export=*) export "${1#--export=ALL,}" ;;
                  esac
                  shift
                done
                script=$1; shift
                if [ -n "$array" ]; then
                  for i in $(seq "${array%-*}" "${array#*-}"); do
                    SLURM_ARRAY_TASK_ID=$i bash "$script" "$@" >&2 || exit 1
                  done
                  echo 1001
                else
                  bash "$script" "$@" >&2 || exit 1
                  echo "1002;cluster"
                fi
                """);
        assertThat(sbatch.toFile().setExecutable(true)).isTrue();
        Path merged = dir.resolve("slurm/m.csv");
        assertThat(script(List.of("3", merged.toString()), bin)).isZero();
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).contains("--array=1-3").contains("--shard-step 3 " + merged);
        assertThat(calls.get(1)).contains("--dependency=afterok:1001").contains("--merge-step false 3 " + merged);
        List<String> lines = Files.readAllLines(merged);
        assertThat(lines.get(0)).isEqualTo(String.join(",", org.causalheads.compare.ResultRow.HEADER));
        assertThat(lines).hasSize(1 + 2 * 2 * 3);
    }

    /** Runs environment/slurm/sweep-array.sh with {@code before} and then {@link #METHODS}. */
    private int script(List<String> before, Path pathPrefix) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", HOME.resolve("environment/slurm/sweep-array.sh").toString()));
        cmd.addAll(before);
        cmd.addAll(List.of(METHODS));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log-script").toFile()));
        pb.environment().put("JAVA", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("CAUSAL_HEADS_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        pb.environment().put("SBATCH_LOG", dir.resolve("sbatch.log").toString());
        pb.environment().put("CAUSAL_HEADS_LOGS", dir.resolve("logs").toString());
        if (pathPrefix != null) {
            pb.environment().put("PATH", pathPrefix + File.pathSeparator + System.getenv("PATH"));
        }
        Process p = pb.start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    /**
     * Runs {@code args} unsharded into {@code fullOut} and as shards 1/3..3/3 into {@code partOut},
     * four JVMs at once, merges the shards, and compares.
     */
    private void assertMergedEqualsUnsharded(String[] args, Path fullOut, Path partOut, Path fullCsv, Path partCsv,
                                             String timing) throws Exception {
        List<Process> ps = new ArrayList<>();
        ps.add(start(args, fullOut, null, "full"));
        for (int i = 1; i <= 3; i++) {
            ps.add(start(args, partOut, i + "/3", "shard-" + i));
        }
        for (int i = 0; i < ps.size(); i++) {
            assertThat(ps.get(i).waitFor(10, TimeUnit.MINUTES)).as("process %d finished", i).isTrue();
            assertThat(ps.get(i).exitValue()).as("exit code of process %d; log: %s", i,
                    Files.readString(dir.resolve("log-" + (i == 0 ? "full" : "shard-" + i)))).isZero();
        }
        List<Path> shards = new ArrayList<>();
        for (int i = 3; i >= 1; i--) { // given out of order on purpose
            shards.add(partCsv.resolveSibling(partCsv.getFileName().toString().replace(".csv", ".shard-" + i + "-of-3.csv")));
        }
        // the shards partition the rows, round-robin over the unsharded order
        List<String> fullLines = Files.readAllLines(fullCsv);
        Set<String> seen = new HashSet<>();
        for (int i = 1; i <= 3; i++) {
            List<String> lines = Files.readAllLines(shards.get(3 - i));
            assertThat(lines.get(0)).isEqualTo(fullLines.get(0));
            for (String l : lines.subList(1, lines.size())) {
                int j = indexOfKey(fullLines, l);
                assertThat(j % 3 + 1).as("shard of row %s", l).isEqualTo(i);
                assertThat(seen.add(l)).isTrue();
            }
        }
        assertThat(seen).hasSize(fullLines.size() - 1);

        Path merged = dir.resolve("merged.csv");
        List<String> mergeArgs = new ArrayList<>(List.of("merge", "--out", merged.toString()));
        shards.forEach(s -> mergeArgs.add(s.toString()));
        assertThat(run(mergeArgs.toArray(String[]::new))).isZero();
        int col = Arrays.asList(fullLines.get(0).split(",", -1)).indexOf(timing);
        assertThat(col).as("timing column %s", timing).isNotNegative();
        assertThat(withoutColumn(Files.readString(merged), col)).isEqualTo(withoutColumn(Files.readString(fullCsv), col));
        assertThat(fullLines.size()).isGreaterThan(3);
    }

    private static int indexOfKey(List<String> fullLines, String line) {
        // the first 9 fields identify a row in each of the three sweeps (and precede the timing column)
        String key = Arrays.stream(line.split(",", -1)).limit(9).collect(Collectors.joining(","));
        for (int j = 1; j < fullLines.size(); j++) {
            if (fullLines.get(j).startsWith(key + ",")) {
                return j - 1;
            }
        }
        throw new AssertionError("row " + line + " is not in the unsharded file");
    }

    /** The text with field {@code col} of every line emptied. */
    static String withoutColumn(String text, int col) {
        return Arrays.stream(text.split("\n", -1)).map(l -> {
            if (l.isEmpty()) {
                return l;
            }
            String[] f = l.split(",", -1);
            f[col] = "";
            return String.join(",", f);
        }).collect(Collectors.joining("\n"));
    }

    private Process start(String[] args, Path out, String shard, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-cp",
                HOME.resolve("target/classes") + File.pathSeparator + HOME.resolve("target/lib") + File.separator + "*",
                Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--out", out.toString()));
        if (shard != null) {
            cmd.addAll(List.of("--shard", shard));
        }
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log-" + name).toFile()).start();
    }

    static int run(String... args) {
        return run(new StringWriter(), args);
    }

    static int run(StringWriter err, String... args) {
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void badShardValuesAreOneErrorLineAndExitCode2() {
        for (String bad : new String[] {"0/3", "4/3", "a/b", "1/0", "-1/3", "3", "", "1/3/5"}) {
            for (String[] cmd : new String[][] {METHODS, KGMI, PAPER}) {
                StringWriter err = new StringWriter();
                List<String> args = new ArrayList<>(List.of(cmd));
                args.addAll(List.of("--out", dir.resolve("x").toString(), "--shard", bad));
                assertThat(run(err, args.toArray(String[]::new))).as("%s --shard '%s'", cmd[0], bad).isEqualTo(2);
                String[] lines = err.toString().split("\n");
                assertThat(lines[0]).startsWith("error: --shard: ").contains("expected i/N");
                assertThat(lines).hasSize(2);
            }
        }
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void shardFileNamesAndAssignment() {
        assertThat(Shard.parse("2/5").file(Path.of("data/methods_asia.csv")))
                .isEqualTo(Path.of("data/methods_asia.shard-2-of-5.csv"));
        assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(new Shard(1, 1));
        // every row falls to exactly one shard
        for (int n = 1; n <= 5; n++) {
            for (int j = 0; j < 20; j++) {
                int owners = 0;
                for (int i = 1; i <= n; i++) {
                    owners += new Shard(i, n).owns(j) ? 1 : 0;
                }
                assertThat(owners).isEqualTo(1);
            }
        }
    }
}
