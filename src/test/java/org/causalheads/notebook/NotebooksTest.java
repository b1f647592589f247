package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
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
 * Executes every notebook under {@code notebooks/} headless on the project kernel, in quick mode,
 * through {@code environment/run_notebooks.py --check}: a notebook fails on any error output,
 * any output on stderr, a code cell without output (unless tagged {@code quiet}), or a kernelspec
 * other than {@code causal-heads}. The committed notebooks are not modified. The notebooks run
 * side by side on the suite's shared pool ({@link SuiteJobs}), each on a kernel of its own.
 *
 * <p>Needs the machine set up by {@code environment/setup.sh} (the test command does that);
 * {@code -Dnotebooks.skip=true} skips these tests.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other test classes; its jobs go to the shared pool
class NotebooksTest {

    private static final String KERNEL = "causal-heads";
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private static final Path HOME = Paths.get("").toAbsolutePath();

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(HOME.resolve("notebooks"))) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    void everyNotebookNamesTheProjectKernelAndIsCommittedExecuted() throws IOException {
        List<Path> all = notebooks();
        assertThat(all).as("notebooks under %s", HOME.resolve("notebooks")).isNotEmpty();
        for (Path p : all) {
            JsonObject nb = JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject();
            String kernel = nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString();
            assertThat(kernel).as("kernelspec of %s", p.getFileName()).isEqualTo(KERNEL);
            long stored = nb.getAsJsonArray("cells").asList().stream()
                    .map(c -> c.getAsJsonObject())
                    .filter(c -> c.get("cell_type").getAsString().equals("code"))
                    .filter(c -> !c.getAsJsonArray("outputs").isEmpty())
                    .count();
            assertThat(stored).as("code cells with stored outputs in %s (commit notebooks executed)", p.getFileName())
                    .isPositive();
            assertThat(nb.toString()).as("stored error outputs in %s", p.getFileName())
                    .doesNotContain("\"output_type\":\"error\"");
        }
    }

    /**
     * No markdown cell says the same thing twice: a sentence (or line) of more than 50 characters
     * that appears again in the same cell is an editing slip, and a reader meets it as one.
     */
    @Test
    void noMarkdownCellRepeatsASentence() throws IOException {
        List<Path> all = new java.util.ArrayList<>(notebooks());
        try (Stream<Path> s = Files.list(HOME.resolve("notebooks/assignments"))) {
            s.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(all::add);
        }
        List<String> repeats = new java.util.ArrayList<>();
        for (Path p : all) {
            JsonObject nb = JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject();
            var cells = nb.getAsJsonArray("cells").asList();
            for (int i = 0; i < cells.size(); i++) {
                JsonObject c = cells.get(i).getAsJsonObject();
                if (!c.get("cell_type").getAsString().equals("markdown")) {
                    continue;
                }
                StringBuilder text = new StringBuilder();
                c.getAsJsonArray("source").forEach(line -> text.append(line.getAsString()));
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (String sentence : text.toString().split("(?<=[.!?])\\s+|\\n")) {
                    String t = sentence.strip();
                    if (t.length() > 50 && !seen.add(t)) {
                        repeats.add(p.getFileName() + ", cell " + i + ": " + t.substring(0, Math.min(100, t.length())));
                    }
                }
            }
        }
        assertThat(repeats).as("sentences repeated within a markdown cell").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookExecutesCleanlyInQuickMode() throws IOException {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        // every notebook submitted at once: they run SuiteJobs.WIDTH at a time, each on a kernel of its own
        Map<Path, Future<SuiteJobs.Result>> jobs = new LinkedHashMap<>();
        for (Path nb : notebooks()) {
            String name = nb.getFileName().toString();
            jobs.put(nb, SuiteJobs.notebook("kernel", name, name, List.of("--check", "--quick", nb.toString()), TIMEOUT));
        }
        return jobs.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().getFileName().toString(), () -> {
            SuiteJobs.Result r = SuiteJobs.await(e.getValue());
            assertThat(r.finished()).as("%s finished within %s; output:%n%s", r.label(), TIMEOUT, r.output()).isTrue();
            assertThat(r.exit()).as("%s executed cleanly; output:%n%s", r.label(), r.output()).isZero();
        }));
    }
}
