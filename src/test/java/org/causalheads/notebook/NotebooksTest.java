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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Executes every notebook under {@code notebooks/} headless on the project kernel, in quick mode,
 * through {@code environment/run_notebooks.py --check}: a notebook fails on any error output,
 * any output on stderr, a code cell without output (unless tagged {@code quiet}), or a kernelspec
 * other than {@code causal-heads}. The committed notebooks are not modified.
 *
 * <p>Needs the machine set up by {@code environment/setup.sh} (the test command does that);
 * {@code -Dnotebooks.skip=true} skips these tests.
 */
class NotebooksTest {

    private static final String KERNEL = "causal-heads";
    private static final long TIMEOUT_MINUTES = 20;

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

    @TestFactory
    Stream<DynamicTest> everyNotebookExecutesCleanlyInQuickMode() throws IOException {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        Path pythonFile = HOME.resolve("target/python-path");
        assertThat(pythonFile).as("target/python-path is written by environment/setup.sh: run it first").exists();
        String python = Files.readString(pythonFile).trim();
        Path logs = Files.createDirectories(HOME.resolve("target/kernel-logs"));
        return notebooks().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            String name = nb.getFileName().toString();
            ProcessBuilder pb = new ProcessBuilder(python, HOME.resolve("environment/run_notebooks.py").toString(),
                    "--check", "--quick", nb.toString());
            pb.environment().put("CAUSAL_HEADS_HOME", HOME.toString());
            pb.environment().put("CAUSAL_HEADS_KERNEL_LOG", logs.resolve(name + ".log").toString());
            pb.redirectErrorStream(true);
            Path out = logs.resolve(name + ".out");
            pb.redirectOutput(out.toFile());
            Process p = pb.start();
            boolean finished = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                p.destroyForcibly();
            }
            String report = Files.readString(out);
            assertThat(finished).as("%s finished within %d minutes; output:%n%s", name, TIMEOUT_MINUTES, report).isTrue();
            assertThat(p.exitValue()).as("%s executed cleanly; output:%n%s", name, report).isZero();
        }));
    }
}
