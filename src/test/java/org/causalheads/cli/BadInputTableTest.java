package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every command and option: each case must end with exit code 2 and exactly one
 * {@code error:} line on standard error, first, naming the offending value or file (optionally
 * followed by one "see ... --help" line), with nothing printed on standard output and no stack
 * trace. Driven in-process through {@link Main#commandLine()}, as {@code java -jar} drives it.
 */
class BadInputTableTest {

    @TempDir
    static Path dir;

    static Path missing;
    static Path folder;
    static Path latin1;
    static Path plainFile;
    static Path badJson;
    static Path specWithT;
    static Path specWithMu;
    static Path badBif;
    static Path otherCsv;
    static Path latin1Csv;
    static Path paperOut;
    static Path latin1PaperOut;

    @BeforeAll
    static void files() throws Exception {
        missing = dir.resolve("nope/missing.json");
        folder = Files.createDirectories(dir.resolve("a-folder"));
        latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        plainFile = Files.writeString(dir.resolve("plain.txt"), "x");
        badJson = Files.writeString(dir.resolve("bad.json"), "{\"S\": 3, \"K\": 2, \"lambda\": [0.5, 0.5]");
        String spec = """
                {"S": 2, "K": 1, "lambda": [1.0], "kernels": [[[0.9, 0.1], [0.1, 0.9]]], "parents": [null, [0], [1]]%s}
                """;
        specWithT = Files.writeString(dir.resolve("specT.json"), spec.formatted(", \"T\": 3"));
        specWithMu = Files.writeString(dir.resolve("specMu.json"), spec.formatted(", \"Mu\": [0.5, 0.5]"));
        badBif = Files.writeString(dir.resolve("bad.bif"), "variable A { type discrete [ 2 ] { a1, a2 }; }\n"
                + "probability ( A ) { table 0.5, 0.7; }\n");
        otherCsv = Files.writeString(dir.resolve("other.csv"), "a,b,c\n1,2,3\n");
        latin1Csv = Files.write(dir.resolve("latin1.csv"), ("T,S\n" + "1,\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        paperOut = dir.resolve("paper");
        Files.createDirectories(paperOut.resolve("trees"));
        Files.writeString(paperOut.resolve("trees/graph_00_result.csv"), IncontextPaperCommand.RESULT_HEADER + "\n"
                + "0,3,6,4,8,1.0,CONSTANT,0.5,1,[-1 0 1 2 3],1,1,1,1,1,1,1,1\n");
        latin1PaperOut = dir.resolve("paper-latin1");
        Files.createDirectories(latin1PaperOut.resolve("trees"));
        Files.write(latin1PaperOut.resolve("trees/graph_00_result.csv"), new byte[] {'g', (byte) 0xFF, '\n'});
    }

    private static Arguments c(String named, String... args) {
        return Arguments.of(named, args);
    }

    /** {@code {named, args}}: the text the error line must contain, and the command line. */
    static Stream<Arguments> cases() {
        String m = missing.toString();
        String f = folder.toString();
        String l1 = latin1.toString();
        String under = plainFile.resolve("sub/out.csv").toString();
        List<Arguments> cs = new ArrayList<>();
        // top level
        cs.add(c("frobnicate", "frobnicate"));
        cs.add(c("--bogus", "--bogus"));
        // the problem options of run, tables and sweep methods
        for (String cmd : List.of("run", "tables")) {
            cs.add(c("abc", cmd, "--T", "abc"));
            cs.add(c("--T: 1", cmd, "--T", "1"));
            cs.add(c("--T: -5", cmd, "--T", "-5"));
            cs.add(c("--T: 2000000", cmd, "--T", "2000000"));
            cs.add(c("--S: 1", cmd, "--S", "1"));
            cs.add(c("--S: 128", cmd, "--S", "128"));
            cs.add(c("--K: 0", cmd, "--K", "0"));
            cs.add(c("--K: 25", cmd, "--K", "25"));
            cs.add(c("--gamma: 1.5", cmd, "--gamma", "1.5"));
            cs.add(c("--gamma: NaN", cmd, "--gamma", "NaN"));
            cs.add(c("--concentration: 0.0", cmd, "--concentration", "0"));
            cs.add(c("--concentration: NaN", cmd, "--concentration", "NaN"));
            cs.add(c("--lambda: [0.5]", cmd, "--lambda", "0.5"));
            cs.add(c("--lambda: -1.0", cmd, "--lambda", "2,-1"));
            cs.add(c("--extra-roots: -1", cmd, "--extra-roots", "-1"));
            cs.add(c("FOO", cmd, "--graph", "FOO"));
            cs.add(c("--window: 0", cmd, "--window", "0"));
            cs.add(c("xyz", cmd, "--seed", "xyz"));
            cs.add(c(m, cmd, "--spec", m));
            cs.add(c(f, cmd, "--spec", f));
            cs.add(c(l1, cmd, "--spec", l1));
            cs.add(c(badJson.toString(), cmd, "--spec", badJson.toString()));
            cs.add(c("\"T\"", cmd, "--spec", specWithT.toString()));
            cs.add(c("\"Mu\"", cmd, "--spec", specWithMu.toString()));
            cs.add(c("--T 60000", cmd, "--T", "60000", "--S", "3"));
            cs.add(c("KLX", cmd, "--f", "KLX"));
            cs.add(c("PLUGIN", cmd, "--form", "PLUGIN"));
        }
        cs.add(c("--T", "run", "--T"));
        cs.add(c("--T 100000", "run", "--T", "100000", "--S", "3"));
        cs.add(c("MI", "run", "--objective", "MI"));
        cs.add(c("--n: 0", "run", "--n", "0"));
        cs.add(c("--n: -3", "run", "--n", "-3"));
        cs.add(c("many", "run", "--n", "many"));
        cs.add(c("--eta: 0.0", "run", "--eta", "0"));
        cs.add(c("--eta: NaN", "run", "--eta", "NaN"));
        cs.add(c("--eta: -1.0", "run", "--eta", "-1"));
        cs.add(c("--max-epochs: 0", "run", "--max-epochs", "0"));
        cs.add(c("--eps-attn: 0.0", "run", "--eps-attn", "0"));
        cs.add(c("--eps-attn: 1.5", "run", "--eps-attn", "1.5"));
        cs.add(c("--eps-attn: NaN", "run", "--eps-attn", "NaN"));
        cs.add(c(under, "run", "--write-spec", under));
        cs.add(c("yes", "tables", "--json=yes"));
        // sweep
        cs.add(c("--Ts: 1", "sweep", "--Ts", "1"));
        cs.add(c("a", "sweep", "--Ts", "8,a"));
        cs.add(c("--gammas: 2.0", "sweep", "--gammas", "2"));
        cs.add(c("--gammas: NaN", "sweep", "--gammas", "NaN"));
        cs.add(c("XX", "sweep", "--fs", "XX"));
        cs.add(c("Y", "sweep", "--forms", "Y"));
        cs.add(c("Z", "sweep", "--objectives", "Z"));
        cs.add(c("--ns: 0", "sweep", "--ns", "0"));
        cs.add(c("--ns: abc", "sweep", "--ns", "abc"));
        cs.add(c("--ns: -1", "sweep", "--ns", "-1"));
        cs.add(c("x", "sweep", "--seeds", "x"));
        cs.add(c("--max-epochs: 0", "sweep", "--max-epochs", "0"));
        cs.add(c("--max-epochs: -1", "sweep", "--max-epochs", "-1"));
        cs.add(c("--spec", "sweep", "--spec", specWithT.toString()));
        cs.add(c(f, "sweep", "--out", f, "--Ts", "8", "--gammas", "1", "--seeds", "1"));
        cs.add(c(under, "sweep", "--out", under, "--Ts", "8", "--gammas", "1", "--seeds", "1"));
        cs.add(c(latin1Csv.toString(), "sweep", "--out", latin1Csv.toString(), "--Ts", "8", "--gammas", "1", "--seeds", "1"));
        cs.add(c(otherCsv.toString(), "sweep", "--out", otherCsv.toString(), "--Ts", "8", "--gammas", "1", "--seeds", "1"));
        cs.add(c("--S: 1", "sweep", "--S", "1"));
        cs.add(c("--K: 0", "sweep", "--K", "0"));
        cs.add(c("--concentration: 0.0", "sweep", "--concentration", "0"));
        cs.add(c("seed", "sweep", "--sample-seed", "seed"));
        cs.add(c("--T 100000", "sweep", "--Ts", "100000", "--S", "5"));
        cs.add(c("--T: 12", "sweep", "--T", "12"));
        cs.add(c("--gamma: 0.5", "sweep", "--gamma", "0.5"));
        cs.add(c("--seed: 4", "sweep", "--seed", "4"));
        // sweep methods
        cs.add(c("xyz", "sweep", "methods", "--problem", "xyz"));
        cs.add(c(m, "sweep", "methods", "--problem", "network", "--bif", m));
        cs.add(c(l1, "sweep", "methods", "--problem", "network", "--bif", l1));
        cs.add(c("line 2, column", "sweep", "methods", "--problem", "network", "--bif", badBif.toString()));
        cs.add(c(f, "sweep", "methods", "--problem", "network", "--bif", f));
        cs.add(c("--kary-alpha: 0.0", "sweep", "methods", "--problem", "kary", "--kary-alpha", "0"));
        cs.add(c("--kary-alpha: NaN", "sweep", "methods", "--problem", "kary", "--kary-alpha", "NaN"));
        cs.add(c("--ns: 0", "sweep", "methods", "--ns", "0"));
        cs.add(c("x", "sweep", "methods", "--ns", "x"));
        cs.add(c("y", "sweep", "methods", "--seeds", "y"));
        cs.add(c("NOPE", "sweep", "methods", "--methods", "NOPE"));
        cs.add(c("--max-epochs: 0", "sweep", "methods", "--max-epochs", "0"));
        cs.add(c("--seed: 3", "sweep", "methods", "--seed", "3"));
        cs.add(c(specWithT.toString(), "sweep", "methods", "--spec", specWithT.toString()));
        cs.add(c(f, "sweep", "methods", "--out", f, "--ns", "100", "--seeds", "1"));
        cs.add(c("--T: 1", "sweep", "methods", "--T", "1"));
        cs.add(c("--S: 200", "sweep", "methods", "--S", "200"));
        cs.add(c("--gamma: 2.0", "sweep", "methods", "--gamma", "2"));
        // bench
        cs.add(c("--n: 0", "bench", "--n", "0"));
        cs.add(c("x", "bench", "--n", "x"));
        cs.add(c("--T: 1", "bench", "--T", "1"));
        cs.add(c("--T 100000", "bench", "--T", "100000"));
        cs.add(c("--S: 1", "bench", "--S", "1"));
        cs.add(c("--S: 200", "bench", "--S", "200"));
        cs.add(c("--K: 0", "bench", "--K", "0"));
        cs.add(c("--K: 200", "bench", "--K", "200"));
        cs.add(c("--repeats: 0", "bench", "--repeats", "0"));
        cs.add(c("--repeats: -1", "bench", "--repeats", "-1"));
        cs.add(c("--bogus", "bench", "--bogus"));
        cs.add(c("--sections: cache", "bench", "--sections", "pairs,cache"));
        cs.add(c("--Ss: 1", "bench", "--Ss", "4,1"));
        // incontext
        cs.add(c("ring", "incontext", "--task", "ring"));
        cs.add(c("--S: 1", "incontext", "--S", "1"));
        cs.add(c("--S: 1", "incontext", "-S", "1"));
        cs.add(c("--T: 2", "incontext", "--T", "2"));
        cs.add(c("--T: 100000", "incontext", "-T", "100000"));
        cs.add(c("--heads: 0", "incontext", "--heads", "0,1"));
        cs.add(c("x", "incontext", "--heads", "x"));
        cs.add(c("--steps: 0", "incontext", "--steps", "0"));
        cs.add(c("--steps: -1", "incontext", "--steps", "-1"));
        cs.add(c("--batch: 0", "incontext", "--batch", "0"));
        cs.add(c("--batch 100000000", "incontext", "--batch", "100000000"));
        cs.add(c("rmsprop", "incontext", "--optimiser", "rmsprop"));
        cs.add(c("--lr: 0.0", "incontext", "--lr", "0"));
        cs.add(c("--lr: NaN", "incontext", "--lr", "NaN"));
        cs.add(c("--lr: -1.0", "incontext", "--lr", "-1"));
        cs.add(c("--wd: -1.0", "incontext", "--wd", "-1"));
        cs.add(c("--wd: NaN", "incontext", "--wd", "NaN"));
        cs.add(c("LINEAR", "incontext", "--schedule", "LINEAR"));
        cs.add(c("--init-scale: NaN", "incontext", "--init-scale", "NaN"));
        cs.add(c("--init-scale: -1.0", "incontext", "--init-scale", "-1"));
        cs.add(c("--alpha: 0.0", "incontext", "--alpha", "0"));
        cs.add(c("--alpha: NaN", "incontext", "--alpha", "NaN"));
        cs.add(c("--root-prob: 2.0", "incontext", "--root-prob", "2"));
        cs.add(c("--threads: 0", "incontext", "--threads", "0"));
        cs.add(c("x", "incontext", "--seed", "x"));
        // incontext-paper
        cs.add(c("--graphs: 0", "incontext-paper", "--graphs", "0"));
        cs.add(c("--graphs: -1", "incontext-paper", "--graphs", "-1"));
        cs.add(c("--S: 1", "incontext-paper", "--S", "1"));
        cs.add(c("--T: 2", "incontext-paper", "-T", "2"));
        cs.add(c("--steps: 0", "incontext-paper", "--steps", "0"));
        cs.add(c("--batch: 0", "incontext-paper", "--batch", "0"));
        cs.add(c("--lr: 0.0", "incontext-paper", "--lr", "0"));
        cs.add(c("--lr: NaN", "incontext-paper", "--lr", "NaN"));
        cs.add(c("--root-prob: -1.0", "incontext-paper", "--root-prob", "-1"));
        cs.add(c("X", "incontext-paper", "--schedule", "X"));
        cs.add(c("--threads: 0", "incontext-paper", "--threads", "0"));
        cs.add(c(plainFile.toString(), "incontext-paper", "--out", plainFile.toString(), "--graphs", "1"));
        cs.add(c("steps=4", "incontext-paper", "--out", paperOut.toString(), "--graphs", "1", "--S", "3", "--T", "6",
                "--steps", "5", "--batch", "8"));
        cs.add(c("graph_00_result.csv", "incontext-paper", "--out", latin1PaperOut.toString(), "--graphs", "1"));
        // bench-incontext
        cs.add(c("--S: 1", "bench-incontext", "--S", "1"));
        cs.add(c("--T: 2", "bench-incontext", "--T", "2"));
        cs.add(c("--heads: 0", "bench-incontext", "--heads", "0"));
        cs.add(c("--batch: 0", "bench-incontext", "--batch", "0"));
        cs.add(c("--steps: 0", "bench-incontext", "--steps", "0"));
        cs.add(c("--warmup: -1", "bench-incontext", "--warmup", "-1"));
        cs.add(c("--heads: [1,1,1,1,1,1,1,1,1]", "bench-incontext", "--heads", "1,1,1,1,1,1,1,1,1"));
        // --shard i/N, 1 <= i <= N, on every sweep; merge's own inputs
        cs.add(c("--shard: 0/3", "sweep", "--Ts", "8", "--gammas", "1", "--seeds", "1", "--shard", "0/3"));
        cs.add(c("--shard: 4/3", "sweep", "methods", "--ns", "100", "--seeds", "1", "--shard", "4/3"));
        cs.add(c("--shard: a/b", "incontext-paper", "--graphs", "1", "--shard", "a/b"));
        cs.add(c("--shard: 1/0", "sweep", "--Ts", "8", "--gammas", "1", "--seeds", "1", "--shard", "1/0"));
        cs.add(c("--out", "merge", plainFile.toString()));
        cs.add(c("SHARD", "merge", "--out", dir.resolve("merged.csv").toString()));
        cs.add(c(m, "merge", "--out", dir.resolve("merged.csv").toString(), m));
        cs.add(c("no such plan file", "merge", "--out", dir.resolve("merged.csv").toString(), plainFile.toString()));
        return cs.stream();
    }

    /** Exit code, picocli's error stream, and what went to standard output and standard error. */
    private record Outcome(int code, String err, String out, String sysErr) {
    }

    static Outcome execute(String... args) {
        CommandLineCapture.Result r = CommandLineCapture.run(args);
        return new Outcome(r.code(), r.picoErr(), r.out(), r.err());
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("cases")
    void badInputIsOneErrorLineNamingItAndExitCodeTwo(String named, String[] args) {
        Outcome o = execute(args);
        String all = o.err + o.sysErr;
        assertThat(o.code).as("exit code of %s; stderr %s", Arrays.toString(args), all).isEqualTo(2);
        String[] lines = o.err.split("\\R");
        assertThat(lines[0]).as("first line").startsWith("error: ").contains(named);
        assertThat(lines[0]).doesNotContain("Exception").doesNotContain("NaN result");
        assertThat(lines.length).as("lines: %s", o.err).isBetween(1, 2);
        if (lines.length == 2) {
            assertThat(lines[1]).startsWith("see '").endsWith("--help'");
        }
        assertThat(all.split("error:", -1)).as("one error line in %s", all).hasSize(2);
        assertThat(o.sysErr).as("nothing else on standard error").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(o.out).as("nothing on standard output").isEmpty();
    }

    @Test
    void thereAreAtLeastAHundredCasesOverEveryCommand() {
        List<Arguments> all = cases().toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(100);
        List<String> commands = all.stream().map(a -> ((String[]) a.get()[1])[0]).distinct().toList();
        assertThat(commands).contains("run", "tables", "sweep", "bench", "incontext", "incontext-paper", "bench-incontext");
        assertThat(all.stream().filter(a -> Arrays.asList((String[]) a.get()[1]).contains("methods"))).isNotEmpty();
    }

    @Test
    void aFolderThatCannotBeWrittenIsNamed() throws Exception {
        Path ro = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro), "running as root: every folder is writable");
            Path target = ro.resolve("x.csv");
            Outcome o = execute("sweep", "--Ts", "8", "--gammas", "1", "--seeds", "1", "--out", target.toString());
            assertThat(o.code).isEqualTo(2);
            assertThat(o.err).startsWith("error: --out: " + target);
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
