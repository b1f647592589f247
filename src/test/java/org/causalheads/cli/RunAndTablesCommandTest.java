package org.causalheads.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code run} and {@code tables} commands, driven as {@code java -jar} drives them. */
class RunAndTablesCommandTest {

    @TempDir
    Path dir;

    /** Runs the command line with standard output captured; returns {exit code, stdout}. */
    private static Object[] execute(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream cap = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(cap);
            int code = Main.commandLine().execute(args);
            return new Object[] {code, buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void runPrintsTheResultFieldsAndAPositiveGapMeansRecovery() {
        Object[] r = execute("run", "--T", "10", "--S", "4", "--K", "2", "--seed", "3");
        assertThat(r[0]).isEqualTo(0);
        JsonObject o = JsonParser.parseString((String) r[1]).getAsJsonObject();
        assertThat(o.keySet()).contains("stopEpoch", "stopped", "delta", "epsilon", "f1", "shd", "headCollapseRate",
                "picks", "provenance");
        assertThat(o.get("picks").getAsJsonArray()).hasSize(10);
        assertThat(o.get("epsilon").isJsonNull()).as("population values: no estimation error").isTrue();
        double f1 = o.get("f1").getAsDouble();
        assertThat(f1).isBetween(0.0, 1.0);
        if (o.get("delta").getAsDouble() > 0 && o.get("stopped").getAsBoolean()) {
            assertThat(f1).as("positive population gap: every slot is read out correctly").isEqualTo(1.0);
            assertThat(o.get("shd").getAsInt()).isZero();
        }
    }

    @Test
    void aWrittenSpecReproducesTheRun() throws Exception {
        Path spec = dir.resolve("p.json");
        Object[] a = execute("run", "--T", "9", "--S", "3", "--K", "2", "--seed", "5", "--n", "2000",
                "--write-spec", spec.toString());
        assertThat(a[0]).isEqualTo(0);
        assertThat(spec).exists();
        Object[] b = execute("run", "--spec", spec.toString(), "--n", "2000");
        assertThat(b[0]).isEqualTo(0);
        JsonObject x = JsonParser.parseString((String) a[1]).getAsJsonObject();
        JsonObject y = JsonParser.parseString((String) b[1]).getAsJsonObject();
        for (String key : List.of("stopEpoch", "delta", "epsilon", "f1", "shd", "picks")) {
            JsonElement u = x.get(key), v = y.get(key);
            assertThat(v).as(key).isEqualTo(u);
        }
    }

    @Test
    void tablesPrintsOneBlockPerSlotAndMarksTheTrueParents() throws Exception {
        Path spec = dir.resolve("t.json");
        assertThat(execute("run", "--T", "7", "--S", "3", "--K", "2", "--write-spec", spec.toString())[0]).isEqualTo(0);
        Object[] r = execute("tables", "--spec", spec.toString());
        assertThat(r[0]).isEqualTo(0);
        List<String> lines = Arrays.asList(((String) r[1]).split("\\R"));
        assertThat(lines.stream().filter(l -> l.startsWith("KG-MI slot"))).hasSize(2);
        assertThat(lines.stream().filter(l -> l.startsWith("f-MI"))).hasSize(1);
        // rows are "  i" or "  ir" (root) followed by i values; a non-root row marks exactly one
        // entry per slot block (its slot's parent) and K in the f-MI block
        List<String> rows = lines.stream().filter(l -> l.matches("\\s*\\d+r?\\s.*")).toList();
        assertThat(rows).hasSize(3 * 6);
        for (int b = 0; b < 3; b++) {
            for (int i = 1; i <= 6; i++) {
                String row = rows.get(b * 6 + i - 1);
                long stars = row.chars().filter(c -> c == '*').count();
                boolean root = row.trim().split("\\s+")[0].endsWith("r");
                assertThat(row.trim().split("\\s+")).as("row %s", row).hasSize(1 + i);
                assertThat(stars).as("row %s", row).isEqualTo(root ? 0 : b < 2 ? 1 : 2);
            }
        }
        assertThat(Files.readString(spec)).contains("\"kernels\"", "\"parents\"", "\"lambda\"", "\"mu\"");
    }

    @Test
    void badInputIsOneErrorLineNamingTheValueAndExitCodeTwo() {
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("run", "--T", "2", "--K", "2");
        assertThat(code).isEqualTo(2);
        String[] lines = err.toString().split("\\R");
        assertThat(lines[0]).startsWith("error: --K: 2: ").contains("T = 2");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith("see '").endsWith("run --help'");
    }

    @Test
    void aMalformedSpecFileIsReportedWithItsPath() throws Exception {
        Path spec = dir.resolve("bad.json");
        Files.writeString(spec, "{\"S\": 3, \"K\": 2, \"lambda\": [0.5, 0.5]");
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("run", "--spec", spec.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: ");
    }

    @Test
    void tablesJsonCarriesEveryValueAtFullPrecision() {
        Object[] r = execute("tables", "--T", "7", "--S", "3", "--K", "2", "--seed", "4", "--f", "CHI2", "--json");
        assertThat(r[0]).isEqualTo(0);
        JsonObject o = JsonParser.parseString((String) r[1]).getAsJsonObject();
        org.causalheads.kgmi.Problem p = org.causalheads.kgmi.Problem.builder().length(7).states(3).parents(2).seed(4).build();
        org.causalheads.info.InfoTables t = p.tables(org.causalheads.info.FDivergence.CHI2,
                org.causalheads.info.KgForm.VARIATIONAL);
        for (int l = 0; l < 2; l++) {
            double[][] want = t.kgmiTable(l);
            var rows = o.getAsJsonArray("kgmi").get(l).getAsJsonArray();
            assertThat(rows).hasSize(6);
            for (int i = 1; i < 7; i++) {
                var row = rows.get(i - 1).getAsJsonArray();
                assertThat(row).hasSize(i);
                for (int j = 0; j < i; j++) {
                    // exact: the printed decimal reads back to the very same double
                    assertThat(Double.doubleToLongBits(row.get(j).getAsDouble())).isEqualTo(Double.doubleToLongBits(want[i][j]));
                }
            }
        }
        double[][] mi = t.miTable();
        assertThat(o.getAsJsonArray("mi").get(5).getAsJsonArray().get(2).getAsDouble()).isEqualTo(mi[6][2]);
    }

    @Test
    void aSpecWithAMisspelledFieldIsRefusedNamingIt() throws Exception {
        Path spec = dir.resolve("mu.json");
        Files.writeString(spec, """
                {"S": 2, "K": 1, "lambda": [1.0], "kernels": [[[0.9, 0.1], [0.1, 0.9]]], "parents": [null, [0]], "Mu": [0.5, 0.5]}
                """);
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("run", "--spec", spec.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --spec: " + spec + ": field \"Mu\" is unknown");
    }
}
