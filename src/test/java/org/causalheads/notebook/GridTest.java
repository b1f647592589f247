package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every parameter set a notebook declares in its metadata ({@code causal_heads.grid}, a list of
 * {@code {"KEY": "java literal"}} objects) is executed in quick mode, and every check cell of
 * every set must pass. Every notebook declares a grid. A failure names the notebook and the set,
 * with the runner's output (the failing check's message).
 *
 * <p>The copies are made as a student's {@code -p} makes them ({@code run_notebooks.py --prepare
 * --grid}: the parameters checked, an {@code injected-parameters} cell added) and run in bare
 * JShells ({@link JShellWorkers}, several notebooks to a warm JVM, on the suite's shared pool) with
 * nothing on the class path but the library, without the kernel's start-up script and with no
 * display call: each grid point is also the check that its notebook runs outside the project
 * kernel ({@link PlainJShellRunner}: every cell runs, every picture cell ends in an image).
 * {@link NotebooksTest} runs every notebook at its own parameters on the project kernel, so each
 * notebook is executed both ways.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other test classes; its jobs go to the shared pool
class GridTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private static final Path HOME = Paths.get("").toAbsolutePath();

    /** Notebook file name → its declared grid (parameter sets), read from the metadata. */
    private static Map<String, List<JsonObject>> grids() throws IOException {
        Map<String, List<JsonObject>> out = new LinkedHashMap<>();
        for (Path p : NotebooksTest.notebooks()) {
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
        return out;
    }

    @Test
    void everyNotebookDeclaresASmallGridNamingOnlyParameters() throws IOException {
        Map<String, List<JsonObject>> grids = grids();
        assertThat(grids.keySet()).as("notebooks declaring a grid: every notebook (its grid points are its bare-JShell runs)")
                .containsExactlyElementsOf(NotebooksTest.notebooks().stream().map(p -> p.getFileName().toString()).toList())
                .contains("00-tour.ipynb", "09-amortised-at-scale.ipynb");
        grids.forEach((name, sets) -> {
            assertThat(sets).as("grid of %s: a small list of parameter sets", name).isNotEmpty().hasSizeLessThanOrEqualTo(6);
            sets.forEach(set -> assertThat(set.entrySet()).as("a set of %s", name).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isString())
                            .as("%s: %s holds a Java literal as a string", name, e.getKey()).isTrue()));
        });
    }

    @TestFactory
    Stream<DynamicTest> everyGridPointRunsInABareJShellWithEveryCheckPassing() throws Exception {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        assertThat(System.getenv("CAUSAL_HEADS_QUICK")).as("the build sets CAUSAL_HEADS_QUICK=1 for tests").isEqualTo("1");
        Path copies = HOME.resolve("target/grid-copies");
        if (Files.isDirectory(copies)) {
            try (Stream<Path> old = Files.list(copies)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
        }
        List<String> cmd = new ArrayList<>(List.of(SuiteJobs.python(), HOME.resolve("environment/run_notebooks.py").toString(),
                "--prepare", "--grid", "--out", copies.toString()));
        NotebooksTest.notebooks().forEach(p -> cmd.add(p.toString()));
        Process prepare = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String printed = new String(prepare.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(prepare.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(prepare.waitFor()).as("run_notebooks.py --prepare --grid: %s", errors).isZero();
        int declared = grids().values().stream().mapToInt(List::size).sum();
        List<Path> made = printed.lines().filter(l -> !l.isBlank()).map(Paths::get).toList();
        assertThat(made).as("one copy per declared grid point").hasSize(declared).allSatisfy(p -> assertThat(p).isRegularFile());
        // every grid point queued at once for the bare-JShell workers on the suite's shared pool,
        // labelled with its values as the grid declares them (the copies come in the grid's order)
        Path logs = Files.createDirectories(HOME.resolve("target/kernel-logs"));
        Map<String, Future<SuiteJobs.Result>> jobs = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, List<JsonObject>> g : grids().entrySet()) {
            String stem = g.getKey().replaceFirst("\\.ipynb$", "");
            for (JsonObject set : g.getValue()) {
                Path copy = made.get(k++);
                assertThat(copy.getFileName().toString()).as("copy %d of the grid", k).startsWith(stem + ".");
                List<String> name = new ArrayList<>();
                set.entrySet().forEach(e -> name.add(e.getKey() + "=" + e.getValue().getAsString()));
                String label = stem + " [" + String.join(", ", name) + "]";
                jobs.put(label, JShellWorkers.submit(label, copy, null, logs.resolve("grid-" + copy.getFileName() + ".jshell.out"), TIMEOUT));
            }
        }
        return jobs.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            SuiteJobs.Result r = SuiteJobs.await(e.getValue());
            assertThat(r.finished()).as("%s finished within %s; output:%n%s", r.label(), TIMEOUT, r.tail(6000)).isTrue();
            assertThat(r.exit()).as("%s: every cell runs in a bare JShell and every check passes in quick mode; output:%n%s",
                    r.label(), r.tail(6000)).isZero();
        }));
    }

    @Test
    void aValueOutsideTheSupportedRangeIsRefusedByTheParametersCellWithOneMessage() throws Exception {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        SuiteJobs.Result r = SuiteJobs.await(SuiteJobs.notebook("grid", "01 refuses T = 3", "grid-refusal",
                List.of("--check", "--quick", "-p", "T=3", HOME.resolve("notebooks/01-head-collapse.ipynb").toString()),
                TIMEOUT));
        assertThat(r.finished()).as("runner finished; output:%n%s", r.tail(6000)).isTrue();
        assertThat(r.exit()).as("exit status; output:%n%s", r.tail(6000)).isNotZero();
        assertThat(r.output()).as("the injected parameters cell refuses T = 3 (K = 3), naming the value and the range")
                .contains("injected parameters").contains("unsupported parameter value: T = 3: expected K + 1 = 4 ≤ T ≤ 64");
    }
}
