package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The bare JShell, the engine under the IJava-family kernels, with nothing on the class path but
 * {@code target/classes} and {@code target/lib/*} (what {@code environment/classpath.sh} prints for
 * {@code IJAVA_CLASSPATH}) and no kernel: no kernel magic, no kernel display call, no import a
 * notebook does not make itself. Its runs go to {@link JShellWorkers}, on the suite's shared pool.
 * Every notebook runs there as the points of its grid ({@link GridTest}: every notebook declares
 * one), each cell whose committed output is a picture checked to end in an expression of an image
 * type, which IJava and JJava render as PNG.
 *
 * <p>Here: the start-up script {@code environment/init.jshell} evaluated alone, one snippet per
 * import as IJava and JJava load it: its imports need nothing but the library. That its imports do
 * not clash with a notebook's (an ambiguous simple name, say) is checked by {@link NotebooksTest}:
 * the project kernel evaluates the same script the same way before the notebook's cells (its
 * corrected engine, see {@code environment/kernel/patch}), and a notebook that clashes fails there
 * with the compiler's "reference to ... is ambiguous".
 *
 * <p>{@code -Dnotebooks.skip=true} skips the run with the other notebook tests.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other test classes; its run goes to the shared pool
class PlainJShellTest {

    private static final Path HOME = Paths.get("").toAbsolutePath();
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Test
    void theSnippetsClasspathIsTheLibraryWithoutTheKernel() throws IOException {
        assertThat(JShellWorkers.libraryClasspath()).as("the bare JShell's class path")
                .startsWith(HOME.resolve("target/classes").toString())
                .anyMatch(p -> p.contains("tablesaw-core")).anyMatch(p -> p.contains("xchart"))
                .noneMatch(p -> p.contains("rapaio-jupyter-kernel"));
    }

    @Test
    void theStartUpScriptRunsAloneInABareJShell() throws Exception {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        Path script = HOME.resolve("environment/init.jshell");
        Path logs = Files.createDirectories(HOME.resolve("target/kernel-logs"));
        SuiteJobs.Result r = SuiteJobs.await(JShellWorkers.submit("start-up script " + script.getFileName() + " alone", null,
                script, logs.resolve("init.jshell.jshell.out"), TIMEOUT));
        assertThat(r.finished()).as("the start-up script finished within %s; output:%n%s", TIMEOUT, r.tail(4000)).isTrue();
        assertThat(r.exit()).as("the start-up script in a bare JShell; output:%n%s", r.tail(4000)).isZero();
    }
}
