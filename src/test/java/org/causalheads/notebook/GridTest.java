package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every parameter set a notebook declares in its metadata ({@code causal_heads.grid}, a list of
 * {@code {"KEY": "java literal"}} objects) is executed in quick mode — {@code run_notebooks.py
 * --quick --grid --jobs 2} over every notebook — and every check cell of every set must pass.
 * A failure names the notebook, the set and the failing check's message, taken from the
 * runner's summary CSV ({@code <notebook>.summary.csv}).
 */
class GridTest {

    private static final Path HOME = Paths.get("").toAbsolutePath();

    /** Notebook file name → its declared grid (parameter sets), read from the metadata. */
    private static Map<String, List<JsonObject>> grids() throws IOException {
        Map<String, List<JsonObject>> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(HOME.resolve("notebooks"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".ipynb")).sorted().toList()) {
                JsonObject meta = JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject()
                        .getAsJsonObject("metadata");
                JsonObject ours = meta == null ? null : meta.getAsJsonObject("causal_heads");
                if (ours != null && ours.has("grid")) {
                    List<JsonObject> sets = new ArrayList<>();
                    for (JsonElement e : ours.getAsJsonArray("grid")) {
                        sets.add(e.getAsJsonObject());
                    }
                    out.put(p.getFileName().toString(), sets);
                }
            }
        }
        return out;
    }

    @Test
    void everyDeclaredGridIsSmallAndNamesOnlyParameters() throws IOException {
        Map<String, List<JsonObject>> grids = grids();
        assertThat(grids).as("notebooks declaring a grid").containsKeys("00-tour.ipynb", "01-head-collapse.ipynb",
                "02-convergence.ipynb", "03-f-divergence-ablation.ipynb", "04-estimation-error.ipynb");
        grids.forEach((name, sets) -> {
            assertThat(sets).as("grid of %s: a small list of parameter sets", name).isNotEmpty().hasSizeLessThanOrEqualTo(6);
            sets.forEach(set -> assertThat(set.entrySet()).as("a set of %s", name).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isString())
                            .as("%s: %s holds a Java literal as a string", name, e.getKey()).isTrue()));
        });
    }

    @Test
    void everyGridPointRunsWithEveryCheckPassing(@TempDir Path tmp) throws Exception {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        Map<String, List<JsonObject>> grids = grids();
        Path out = tmp.resolve("grid");
        Path log = tmp.resolve("runner.txt");
        List<String> cmd = new ArrayList<>(List.of(Files.readString(HOME.resolve("target/python-path")).trim(),
                HOME.resolve("environment/run_notebooks.py").toString(), "--quick", "--grid", "--jobs", "2",
                "--out", out.toString()));
        grids.keySet().forEach(n -> cmd.add(HOME.resolve("notebooks").resolve(n).toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CAUSAL_HEADS_HOME", HOME.toString());
        pb.environment().put("CAUSAL_HEADS_KERNEL_LOG", HOME.resolve("target/kernel-logs/grid.log").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(40, TimeUnit.MINUTES)) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the grid did not finish within 40 minutes:\n" + Files.readString(log));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(log);

        List<String> failures = new ArrayList<>();
        int points = 0;
        for (Map.Entry<String, List<JsonObject>> g : grids.entrySet()) {
            String stem = g.getKey().replaceFirst("\\.ipynb$", "");
            Path summary = out.resolve(stem + ".summary.csv");
            if (!Files.exists(summary)) {
                failures.add(stem + ": no summary (" + summary.getFileName() + ") — the runner stopped before it");
                continue;
            }
            List<List<String>> rows = csv(summary);
            List<String> header = rows.get(0);
            assertThat(rows).as("%s: one summary row per grid point", stem).hasSize(g.getValue().size() + 1);
            for (List<String> row : rows.subList(1, rows.size())) {
                points++;
                List<String> notPassed = new ArrayList<>();
                for (int c = 3; c < header.size() - 2; c++) {
                    if (!"passed".equals(row.get(c))) {
                        notPassed.add(header.get(c) + " " + row.get(c));
                    }
                }
                if (!"ok".equals(row.get(2)) || !notPassed.isEmpty()) {
                    failures.add(String.format("%s, set %s (%s): %s; %s", stem, row.get(0), row.get(1), row.get(2),
                            row.get(header.size() - 1).isBlank() ? String.join(", ", notPassed) : row.get(header.size() - 1)));
                }
            }
        }
        System.out.printf("GridTest: %d grid points of %d notebooks in %.0f s%n", points, grids.size(), seconds);
        assertThat(failures).as("grid points that failed (runner output:%n%s)", output).isEmpty();
        assertThat(p.exitValue()).as("runner exit status; output:%n%s", output).isZero();
    }

    @Test
    void aValueOutsideTheSupportedRangeIsRefusedByTheParametersCellWithOneMessage(@TempDir Path tmp) throws Exception {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        Path log = tmp.resolve("runner.txt");
        ProcessBuilder pb = new ProcessBuilder(Files.readString(HOME.resolve("target/python-path")).trim(),
                HOME.resolve("environment/run_notebooks.py").toString(), "--quick", "-p", "T=3",
                "--out", tmp.resolve("out").toString(), HOME.resolve("notebooks/01-head-collapse.ipynb").toString());
        pb.environment().put("CAUSAL_HEADS_HOME", HOME.toString());
        pb.environment().put("CAUSAL_HEADS_KERNEL_LOG", HOME.resolve("target/kernel-logs/grid.log").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("runner finished").isTrue();
        String output = Files.readString(log);
        assertThat(p.exitValue()).as("exit status; output:%n%s", output).isNotZero();
        assertThat(output).as("the injected parameters cell refuses T = 3 (K = 3), naming the value and the range")
                .contains("injected parameters").contains("unsupported parameter value: T = 3: expected K + 1 = 4 ≤ T ≤ 64");
    }

    /** A small RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks. */
    private static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while ((c = r.read()) != -1) {
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        r.mark(1);
                        int next = r.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                r.reset();
                            }
                        }
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\n') {
                    row.add(field.toString().replaceFirst("\r$", ""));
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(ch);
                }
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
