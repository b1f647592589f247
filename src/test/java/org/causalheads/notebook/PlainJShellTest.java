package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every notebook's code cells in a bare JShell, the engine under the IJava-family kernels,
 * with nothing on the class path but {@code target/classes} and {@code target/lib/*} (what
 * {@code environment/classpath.sh} prints for {@code IJAVA_CLASSPATH}), twice: without any
 * start-up script (no kernel magic, no kernel display call, no import the notebook does not make
 * itself), and with {@code environment/init.jshell} evaluated first one snippet per import, as
 * IJava and JJava load a start-up script (its imports must not clash with the notebook's). Each
 * notebook runs in a JVM of its own ({@link PlainJShellRunner}) whose class path holds no kernel.
 * It also checks that each cell whose committed output is a picture ends in an expression of an
 * image type, which IJava and JJava render as PNG.
 *
 * <p>Quick mode ({@code CAUSAL_HEADS_QUICK=1}, set by the build for tests);
 * {@code -Dnotebooks.skip=true} skips these tests with the other notebook tests.
 */
class PlainJShellTest {

    private static final Path HOME = Paths.get("").toAbsolutePath();
    private static final long TIMEOUT_MINUTES = 20;

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInAPlainJShellWithTheLibraryClasspath() throws IOException {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        assertThat(System.getenv("CAUSAL_HEADS_QUICK")).as("the build sets CAUSAL_HEADS_QUICK=1 for tests").isEqualTo("1");
        List<String> library = libraryClasspath();
        Path logs = Files.createDirectories(HOME.resolve("target/kernel-logs"));
        Path script = HOME.resolve("environment/init.jshell");
        return NotebooksTest.notebooks().stream().flatMap(nb -> Stream.of(
                DynamicTest.dynamicTest(nb.getFileName() + " without start-up script", () -> run(nb, library, logs, null)),
                DynamicTest.dynamicTest(nb.getFileName() + " with start-up script", () -> run(nb, library, logs, script))));
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

    private static void run(Path notebook, List<String> library, Path logs, Path startup) throws Exception {
        // the runner's own JVM: the library, plus the test classes for the runner itself; the
        // snippets are compiled against the library alone (the arguments)
        List<String> jvmClasspath = new ArrayList<>(library);
        jvmClasspath.add(HOME.resolve("target/test-classes").toString());
        List<String> cmd = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-Xss4m",
                "-cp", String.join(File.pathSeparator, jvmClasspath),
                PlainJShellRunner.class.getName()));
        if (startup != null) {
            cmd.addAll(List.of("--startup", startup.toString()));
        }
        cmd.add(notebook.toString());
        cmd.addAll(library);
        Path out = logs.resolve(notebook.getFileName() + (startup == null ? ".jshell.out" : ".jshell-startup.out"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String report = Files.readString(out);
        String tail = report.length() <= 4000 ? report : "..." + report.substring(report.length() - 4000);
        assertThat(finished).as("%s finished within %d minutes; output:%n%s", notebook.getFileName(), TIMEOUT_MINUTES, tail).isTrue();
        assertThat(p.exitValue()).as("%s in a plain JShell %s; output:%n%s", notebook.getFileName(),
                startup == null ? "without start-up script" : "with " + startup.getFileName(), tail).isZero();
    }
}
