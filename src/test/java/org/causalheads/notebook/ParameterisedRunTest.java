package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameterised notebook runs ({@code run_notebooks.py -p KEY=VALUE}, {@code --params FILE}):
 * every notebook tags its parameters cell {@code parameters}; a bad override is one {@code error:}
 * line and exit status 2 before any kernel starts; a good one executes a copy with an
 * {@code injected-parameters} cell after the parameters cell and leaves the committed notebook
 * as it was.
 */
class ParameterisedRunTest {

    private static final Path HOME = Paths.get("").toAbsolutePath();

    record Outcome(int exit, String output) {
    }

    private static Outcome run(List<String> args, Path outFile) throws IOException, InterruptedException {
        Path pythonFile = HOME.resolve("target/python-path");
        assertThat(pythonFile).as("target/python-path is written by environment/setup.sh: run it first").exists();
        List<String> cmd = new ArrayList<>(List.of(Files.readString(pythonFile).trim(),
                HOME.resolve("environment/run_notebooks.py").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CAUSAL_HEADS_HOME", HOME.toString());
        pb.environment().put("CAUSAL_HEADS_KERNEL_LOG", HOME.resolve("target/kernel-logs/parameterised.log").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(outFile.toFile());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("runner did not finish within 10 minutes: " + Files.readString(outFile));
        }
        return new Outcome(p.exitValue(), Files.readString(outFile));
    }

    private static List<JsonObject> cells(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    private static boolean tagged(JsonObject cell, String tag) {
        JsonObject meta = cell.getAsJsonObject("metadata");
        JsonArray tags = meta == null ? null : meta.getAsJsonArray("tags");
        return tags != null && tags.contains(new com.google.gson.JsonPrimitive(tag));
    }

    private static String source(JsonObject cell) {
        JsonElement s = cell.get("source");
        if (s.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            s.getAsJsonArray().forEach(x -> b.append(x.getAsString()));
            return b.toString();
        }
        return s.getAsString();
    }

    @Test
    void everyNotebookTagsExactlyOneParametersCell() throws IOException {
        try (Stream<Path> s = Files.list(HOME.resolve("notebooks"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".ipynb")).toList()) {
                long n = cells(p).stream().filter(c -> tagged(c, "parameters")).count();
                assertThat(n).as("cells tagged 'parameters' in %s", p.getFileName()).isEqualTo(1);
            }
        }
    }

    static Stream<Arguments> badOverrides() {
        return Stream.of(
                Arguments.of(List.of("-p", "NOPE=3"), "NOPE"),
                Arguments.of(List.of("-p", "T=3.5"), "T=3.5"),
                Arguments.of(List.of("-p", "T=99999999999"), "T=99999999999"),
                Arguments.of(List.of("-p", "GAMMA=abc"), "GAMMA=abc"),
                Arguments.of(List.of("-p", "F=CHI3"), "F=CHI3"),
                Arguments.of(List.of("-p", "F=Objective.KG_MI"), "F=Objective.KG_MI"),
                Arguments.of(List.of("-p", "TRAIN=null"), "TRAIN=null"),
                Arguments.of(List.of("-p", "N_SWEEP=100"), "N_SWEEP=100"),
                Arguments.of(List.of("-p", "N_SWEEP={100, x}"), "N_SWEEP={100, x}"),
                Arguments.of(List.of("-p", "QUICK=yes"), "QUICK=yes"),
                Arguments.of(List.of("-p", "T"), "-p T"),
                Arguments.of(List.of("-p", "T=3", "-p", "T=4"), "T=4"),
                Arguments.of(List.of("--params", "/nonexistent/sets.csv"), "/nonexistent/sets.csv"));
    }

    @ParameterizedTest
    @MethodSource("badOverrides")
    void aBadOverrideIsOneErrorLineBeforeAnyKernelStarts(List<String> args, String named, @TempDir Path tmp)
            throws Exception {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--check", HOME.resolve("notebooks/01-head-collapse.ipynb").toString()));
        Outcome o = run(all, tmp.resolve("out.txt"));
        assertThat(o.exit()).as("exit status; output:%n%s", o.output()).isEqualTo(2);
        List<String> lines = o.output().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("output").hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ").contains(named);
        assertThat(o.output()).doesNotContain("[notebooks] 01");
    }

    @Test
    void aGoodOverrideRunsACopyWithTheInjectedCell(@TempDir Path tmp) throws Exception {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        Path committed = HOME.resolve("notebooks/00-tour.ipynb");
        byte[] before = Files.readAllBytes(committed);
        Path out = tmp.resolve("runs");
        Outcome o = run(List.of("--quick", "-p", "SEED=8", "-p", "N=60_000", "--out", out.toString(), committed.toString()),
                tmp.resolve("out.txt"));
        assertThat(o.exit()).as("exit status; output:%n%s", o.output()).isZero();
        assertThat(Files.readAllBytes(committed)).as("the committed notebook is untouched").isEqualTo(before);
        List<JsonObject> cells = cells(out.resolve("00-tour.ipynb"));
        int params = -1;
        for (int i = 0; i < cells.size(); i++) {
            if (tagged(cells.get(i), "parameters")) {
                params = i;
            }
        }
        JsonObject injected = cells.get(params + 1);
        assertThat(tagged(injected, "injected-parameters")).as("the cell after the parameters cell is injected").isTrue();
        assertThat(source(injected)).contains("long SEED = 8L").contains("int N = 60000");
        assertThat(injected.getAsJsonArray("outputs").toString()).as("its summary line shows the values used")
                .contains("SEED=8").contains("N=60000");
        assertThat(o.output()).contains("passed");
    }

    @Test
    void prepareWritesTheInjectedCopyUnexecutedAndStartsNoKernel(@TempDir Path tmp) throws Exception {
        Path committed = HOME.resolve("notebooks/00-tour.ipynb");
        Path out = tmp.resolve("copies");
        Outcome o = run(List.of("--prepare", "-p", "SEED=8", "--out", out.toString(), committed.toString()), tmp.resolve("out.txt"));
        assertThat(o.exit()).as("exit status; output:%n%s", o.output()).isZero();
        assertThat(o.output().strip()).as("one line: the copy's path").isEqualTo(out.resolve("00-tour.ipynb").toString());
        List<JsonObject> cells = cells(out.resolve("00-tour.ipynb"));
        List<JsonObject> original = cells(committed);
        assertThat(cells).as("the committed cells and the injected one").hasSize(original.size() + 1);
        JsonObject injected = cells.stream().filter(c -> tagged(c, "injected-parameters")).findFirst().orElseThrow();
        assertThat(source(injected)).contains("long SEED = 8L");
        assertThat(injected.getAsJsonArray("outputs")).as("not executed").isEmpty();
        assertThat(cells.stream().filter(c -> !tagged(c, "injected-parameters")).map(c -> c.get("outputs")).toList())
                .as("the committed outputs kept, for the picture checks of a bare JShell")
                .isEqualTo(original.stream().map(c -> c.get("outputs")).toList());

        Outcome alone = run(List.of("--prepare", committed.toString()), tmp.resolve("alone.txt"));
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.output().strip()).isEqualTo("error: --prepare writes parameterised copies: give -p, --params or --grid");
        Outcome checked = run(List.of("--prepare", "--check", "-p", "SEED=8", committed.toString()), tmp.resolve("checked.txt"));
        assertThat(checked.exit()).isEqualTo(2);
        assertThat(checked.output()).startsWith("error: --prepare").contains("--check");
    }
}
