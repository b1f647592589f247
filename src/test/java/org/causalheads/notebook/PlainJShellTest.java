package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
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
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs every notebook's code cells in a bare JShell, the engine under the IJava-family kernels,
 * with nothing on the class path but {@code target/classes} and {@code target/lib/*} (what
 * {@code environment/classpath.sh} prints for {@code IJAVA_CLASSPATH}) and without any start-up
 * script: no kernel magic, no kernel display call, no import the notebook does not make itself.
 * Each notebook runs in a JVM of its own ({@link PlainJShellRunner}) whose class path holds no
 * kernel, on the suite's shared pool ({@link SuiteJobs}). It also checks that each cell whose
 * committed output is a picture ends in an expression of an image type, which IJava and JJava
 * render as PNG.
 *
 * <p>The start-up script {@code environment/init.jshell} is evaluated here alone, one snippet per
 * import as IJava and JJava load it, in the same bare JShell: its imports need nothing but the
 * library. That its imports do not clash with a notebook's (an ambiguous simple name, say) is
 * checked by {@link NotebooksTest}: the project kernel evaluates the same script the same way
 * before the notebook's cells (its corrected engine, see {@code environment/kernel/patch}), and a
 * notebook that clashes fails there with the compiler's "reference to ... is ambiguous".
 *
 * <p>Quick mode ({@code CAUSAL_HEADS_QUICK=1}, set by the build for tests);
 * {@code -Dnotebooks.skip=true} skips these tests with the other notebook tests.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other test classes; its jobs go to the shared pool
class PlainJShellTest {

    private static final Path HOME = Paths.get("").toAbsolutePath();
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInAPlainJShellWithTheLibraryClasspath() throws IOException {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        assertThat(System.getenv("CAUSAL_HEADS_QUICK")).as("the build sets CAUSAL_HEADS_QUICK=1 for tests").isEqualTo("1");
        List<String> library = libraryClasspath();
        Path logs = Files.createDirectories(HOME.resolve("target/kernel-logs"));
        Path script = HOME.resolve("environment/init.jshell");
        // every job submitted at once: they run SuiteJobs.WIDTH at a time
        Map<String, Future<SuiteJobs.Result>> jobs = new LinkedHashMap<>();
        jobs.put("start-up script " + script.getFileName() + " alone",
                submit("start-up script", command(library, List.of("--startup", script.toString(), "--no-notebook")),
                        logs.resolve("init.jshell.jshell.out")));
        for (Path nb : NotebooksTest.notebooks()) {
            String name = nb.getFileName().toString();
            jobs.put(name, submit(name, command(library, List.of(nb.toString())), logs.resolve(name + ".jshell.out")));
        }
        return jobs.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            SuiteJobs.Result r = SuiteJobs.await(e.getValue());
            assertThat(r.finished()).as("%s finished within %s; output:%n%s", e.getKey(), TIMEOUT, r.tail(4000)).isTrue();
            assertThat(r.exit()).as("%s in a plain JShell; output:%n%s", e.getKey(), r.tail(4000)).isZero();
        }));
    }

    /** {@code target/classes} and every jar of {@code target/lib}: the IJava class path. */
    private static List<String> libraryClasspath() throws IOException {
        Path lib = HOME.resolve("target/lib");
        assertThat(lib).as("target/lib (built by mvn package / environment/setup.sh)").isDirectory();
        List<String> cp = new ArrayList<>();
        cp.add(HOME.resolve("target/classes").toString());
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> cp.add(p.toString()));
        }
        assertThat(cp).as("the kernel is not on the plain class path").noneMatch(p -> p.contains("rapaio-jupyter-kernel"));
        return cp;
    }

    /** The runner's JVM: the library plus the test classes (the runner itself); the snippets see the library alone. */
    private static List<String> command(List<String> library, List<String> what) {
        List<String> jvmClasspath = new ArrayList<>(library);
        jvmClasspath.add(HOME.resolve("target/test-classes").toString());
        List<String> cmd = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Xss4m",
                "-cp", String.join(File.pathSeparator, jvmClasspath),
                PlainJShellRunner.class.getName()));
        cmd.addAll(what);
        cmd.addAll(library);
        return cmd;
    }

    private static Future<SuiteJobs.Result> submit(String label, List<String> cmd, Path out) {
        return SuiteJobs.submit("jshell", label, cmd, Map.of(), out, TIMEOUT);
    }
}
