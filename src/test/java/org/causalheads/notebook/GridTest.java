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
 * {@code {"KEY": "java literal"}} objects) is executed in quick mode — {@code run_notebooks.py
 * --check --quick -p KEY=VALUE …}, one job per set on the suite's shared pool ({@link SuiteJobs})
 * — and every check cell of every set must pass. A failure names the notebook and the set, with
 * the runner's output (the failing check's message).
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other test classes; its jobs go to the shared pool
class GridTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(20);

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
                "02-convergence.ipynb", "03-f-divergence-ablation.ipynb", "04-estimation-error.ipynb",
                "05-induction-heads.ipynb", "06-baselines.ipynb", "07-real-networks.ipynb", "08-amortised-discovery.ipynb",
                "09-amortised-at-scale.ipynb");
        grids.forEach((name, sets) -> {
            assertThat(sets).as("grid of %s: a small list of parameter sets", name).isNotEmpty().hasSizeLessThanOrEqualTo(6);
            sets.forEach(set -> assertThat(set.entrySet()).as("a set of %s", name).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isString())
                            .as("%s: %s holds a Java literal as a string", name, e.getKey()).isTrue()));
        });
    }

    @TestFactory
    Stream<DynamicTest> everyGridPointRunsWithEveryCheckPassing() throws IOException {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        // every grid point submitted at once to the suite's shared pool: one kernel per point,
        // SuiteJobs.WIDTH at a time beside the other notebook jobs
        Map<String, Future<SuiteJobs.Result>> jobs = new LinkedHashMap<>();
        for (Map.Entry<String, List<JsonObject>> g : grids().entrySet()) {
            String stem = g.getKey().replaceFirst("\\.ipynb$", "");
            for (JsonObject set : g.getValue()) {
                List<String> args = new ArrayList<>(List.of("--check", "--quick"));
                List<String> name = new ArrayList<>();
                set.entrySet().forEach(e -> {
                    args.add("-p");
                    args.add(e.getKey() + "=" + e.getValue().getAsString());
                    name.add(e.getKey() + "=" + e.getValue().getAsString());
                });
                args.add(HOME.resolve("notebooks").resolve(g.getKey()).toString());
                String label = stem + " [" + String.join(", ", name) + "]";
                String file = "grid-" + stem + "-" + (name.hashCode() & 0x7fffffff);
                jobs.put(label, SuiteJobs.notebook("grid", label, file, args, TIMEOUT));
            }
        }
        return jobs.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            SuiteJobs.Result r = SuiteJobs.await(e.getValue());
            assertThat(r.finished()).as("%s finished within %s; output:%n%s", r.label(), TIMEOUT, r.tail(6000)).isTrue();
            assertThat(r.exit()).as("%s: every check passes in quick mode; runner output:%n%s", r.label(), r.tail(6000))
                    .isZero();
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
