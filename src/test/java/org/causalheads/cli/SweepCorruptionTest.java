package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Resumed sweeps never reuse a wrong row and never keep a damaged one: other settings add rows,
 * a torn, NUL-filled or cut-after-the-last-comma tail is cut (and kept beside the file) and its
 * rows redone, so the file reads as a clean table with one row per key; text that is not UTF-8
 * and damage before complete rows are refused; a second writer is refused while the first holds
 * the lock.
 */
class SweepCorruptionTest {

    @TempDir
    Path dir;

    Path out;
    String[] base;

    @BeforeEach
    void setUp() {
        out = dir.resolve("s.csv");
        base = new String[] {"sweep", "--Ts", "6,7", "--gammas", "1.0", "--seeds", "1,2", "--S", "3", "--out", out.toString()};
    }

    private record Outcome(int code, String err) {
    }

    private static Outcome run(String... args) {
        PrintStream keep = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter pico = new StringWriter();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(pico, true));
            code = cl.execute(args);
        } finally {
            System.setErr(keep);
        }
        return new Outcome(code, pico + err.toString(StandardCharsets.UTF_8));
    }

    private static String[] with(String[] a, String... more) {
        String[] r = Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, r, a.length, more.length);
        return r;
    }

    /** Checks the file is a clean table: Tablesaw reads it, every row has every column, keys are unique. */
    private List<String> assertClean(int rows) throws Exception {
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(String.join(",", SweepCommand.HEADER));
        assertThat(lines).hasSize(rows + 1);
        Set<String> keys = new HashSet<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            assertThat(f).hasSize(SweepCommand.HEADER.size());
            assertThat(keys.add(String.join(",", Arrays.asList(f).subList(0, SweepCommand.KEY.size())))).as(l).isTrue();
        }
        Table t = Table.read().csv(out.toFile());
        assertThat(t.rowCount()).isEqualTo(rows);
        assertThat(t.columnCount()).isEqualTo(SweepCommand.HEADER.size());
        return lines;
    }

    private List<Path> cutCopies() throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("s.csv.cut-")).toList();
        }
    }

    @Test
    void otherSettingsAddTheirOwnRowsInsteadOfReusingThese() throws Exception {
        assertThat(run(base).code).isZero();
        List<String> first = assertClean(4);
        Outcome again = run(base);
        assertThat(again.err).contains("0 new rows, 4 already present");
        for (String[] other : List.of(new String[] {"--graph", "BANDED"}, new String[] {"--concentration", "0.5"},
                new String[] {"--extra-roots", "1"}, new String[] {"--sample-seed", "12"}, new String[] {"--max-epochs", "10"},
                new String[] {"--lambda", "0.7,0.3"})) {
            Outcome o = run(with(base, other));
            assertThat(o.code).as(o.err).isZero();
            assertThat(o.err).as(Arrays.toString(other)).contains("4 new rows, 0 already present");
        }
        List<String> all = assertClean(4 * 7);
        assertThat(all.subList(0, 5)).isEqualTo(first);
    }

    @Test
    void aTornLastRowIsCutKeptAndRedone() throws Exception {
        assertThat(run(base).code).isZero();
        String full = Files.readString(out);
        String lastRow = full.substring(full.lastIndexOf('\n', full.length() - 2) + 1);
        Files.writeString(out, full.substring(0, full.length() - lastRow.length() / 2));
        Outcome o = run(base);
        assertThat(o.code).as(o.err).isZero();
        assertThat(o.err).contains("repaired").contains("1 new rows, 3 already present");
        assertClean(4);
        assertThat(cutCopies()).hasSize(1);
        assertThat(lastRow).startsWith(Files.readString(cutCopies().get(0)));
    }

    @Test
    void aRowCutJustAfterItsLastCommaIsNotCountedAsDone() throws Exception {
        assertThat(run(base).code).isZero();
        String full = Files.readString(out);
        String cut = full.substring(0, full.lastIndexOf(',') + 1);
        Files.writeString(out, cut);
        Outcome o = run(base);
        assertThat(o.code).as(o.err).isZero();
        assertThat(o.err).contains("repaired").contains("1 new rows, 3 already present");
        assertClean(4);
    }

    @Test
    void aNulFilledTailIsCutAndTheRowsRedone() throws Exception {
        assertThat(run(base).code).isZero();
        List<String> lines = Files.readAllLines(out);
        byte[] head = (String.join("\n", lines.subList(0, 3)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] nul = new byte[700];
        nul[350] = '\n'; // a NUL line, then a NUL tail
        byte[] damaged = Arrays.copyOf(head, head.length + nul.length);
        System.arraycopy(nul, 0, damaged, head.length, nul.length);
        Files.write(out, damaged);
        Outcome o = run(base);
        assertThat(o.code).as(o.err).isZero();
        assertThat(o.err).contains("repaired").contains("2 new rows, 2 already present");
        assertClean(4);
        assertThat(Files.readAllBytes(cutCopies().get(0))).hasSize(700);
    }

    @Test
    void damageBeforeCompleteRowsIsRefusedAndNothingChanges() throws Exception {
        assertThat(run(base).code).isZero();
        List<String> lines = new ArrayList<>(Files.readAllLines(out));
        lines.set(2, lines.get(2).substring(0, 10));
        Files.write(out, lines);
        byte[] before = Files.readAllBytes(out);
        Outcome o = run(base);
        assertThat(o.code).isEqualTo(2);
        assertThat(o.err).startsWith("error: --out: " + out).contains("line 3");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);
    }

    @Test
    void textThatIsNotUtf8IsRefusedWithAnErrorLine() throws Exception {
        assertThat(run(base).code).isZero();
        byte[] b = Files.readAllBytes(out);
        int i = new String(b, StandardCharsets.UTF_8).indexOf('\n') + 3;
        b[i] = (byte) 0xC3;
        b[i + 1] = (byte) 0x28; // an invalid two-byte sequence
        Files.write(out, b);
        Outcome o = run(base);
        assertThat(o.code).isEqualTo(2);
        assertThat(o.err).startsWith("error: --out: " + out + ": not UTF-8").doesNotContain("Exception");
        assertThat(Files.readAllBytes(out)).isEqualTo(b);
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstHoldsTheFile() throws Exception {
        try (ResumableCsv first = ResumableCsv.open("--out", out, SweepCommand.HEADER, SweepCommand.KEY.size(), System.err)) {
            Outcome o = run(base);
            assertThat(o.code).isEqualTo(2);
            assertThat(o.err).startsWith("error: --out: " + out + ": is being written by another sweep");
        }
        assertThat(run(base).code).as("the lock is released on close").isZero();
        assertClean(4);
    }

    @Test
    void twoSweepsStartedTogetherNeverInterleave() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                StringWriter err = new StringWriter();
                var cl = Main.commandLine();
                cl.setErr(new PrintWriter(err, true));
                int code = cl.execute(base);
                (code == 0 ? ok : refused).incrementAndGet();
                if (code != 0) {
                    assertThat(err.toString()).contains("is being written by another sweep");
                }
            });
            ts.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : ts) {
            t.join();
        }
        assertThat(ok.get()).isPositive();
        assertThat(ok.get() + refused.get()).isEqualTo(2);
        assertClean(4);
    }

    @Test
    void incontextPaperRefusesASecondWriterAndOtherSettings() throws Exception {
        Path paper = dir.resolve("paper");
        String[] args = {"incontext-paper", "--graphs", "1", "--S", "3", "--T", "6", "--steps", "2", "--batch", "4",
            "--out", paper.toString()};
        Files.createDirectories(paper.resolve("trees"));
        try (var ch = java.nio.channels.FileChannel.open(paper.resolve("trees/.lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var lock = ch.lock()) {
            Outcome o = run(args);
            assertThat(o.code).isEqualTo(2);
            assertThat(o.err).startsWith("error: --out: " + paper + ": is being written by another incontext-paper run");
        }
        assertThat(run(args).code).isZero();
        String[] other = args.clone();
        other[8] = "3"; // --steps 3
        Outcome o = run(other);
        assertThat(o.code).isEqualTo(2);
        assertThat(o.err).contains("graph_00_result.csv").contains("steps=2 but this run has steps=3");
    }
}
