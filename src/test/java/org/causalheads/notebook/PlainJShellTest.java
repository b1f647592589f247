package org.causalheads.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every notebook's code cells in a bare JShell, the engine under the IJava-family kernels,
 * with nothing on the class path but {@code target/classes} and {@code target/lib/*} (what
 * {@code environment/classpath.sh} prints for {@code IJAVA_CLASSPATH}) and no start-up script:
 * no kernel magic, no kernel display call, no import the notebook does not make itself. It also
 * checks that each cell whose committed output is a picture ends in an expression of an image
 * type, which IJava and JJava render as PNG.
 *
 * <p>Quick mode ({@code CAUSAL_HEADS_QUICK=1}, set by the build for tests);
 * {@code -Dnotebooks.skip=true} skips these tests with the other notebook tests.
 */
class PlainJShellTest {

    private static final Path HOME = Paths.get("").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsInAPlainJShellWithTheLibraryClasspath() throws IOException {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        assertThat(System.getenv("CAUSAL_HEADS_QUICK")).as("the build sets CAUSAL_HEADS_QUICK=1 for tests").isEqualTo("1");
        List<String> classpath = classpath();
        return NotebooksTest.notebooks().stream()
                .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> run(nb, classpath)));
    }

    private static List<String> classpath() throws IOException {
        Path classes = HOME.resolve("target/classes");
        Path lib = HOME.resolve("target/lib");
        assertThat(lib).as("target/lib (built by mvn package / environment/setup.sh)").isDirectory();
        List<String> cp = new ArrayList<>();
        cp.add(classes.toString());
        try (Stream<Path> jars = Files.list(lib)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> cp.add(p.toString()));
        }
        assertThat(cp).as("the kernel is not on the plain class path").noneMatch(p -> p.contains("rapaio-jupyter-kernel"));
        return cp;
    }

    private static void run(Path notebook, List<String> classpath) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        try (PrintStream cellOut = new PrintStream(out, true, StandardCharsets.UTF_8);
             JShell js = JShell.builder().out(cellOut).err(cellOut)
                     .remoteVMOptions("-Djava.awt.headless=true", "-Xss4m").build()) {
            classpath.forEach(js::addToClasspath);
            SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
            JsonArray cells = nb.getAsJsonArray("cells");
            for (int c = 0; c < cells.size() && problems.isEmpty(); c++) {
                JsonObject cell = cells.get(c).getAsJsonObject();
                if (!cell.get("cell_type").getAsString().equals("code")) {
                    continue;
                }
                String source = joined(cell.get("source"));
                Snippet last = null;
                String rest = source;
                while (!rest.isBlank() && problems.isEmpty()) {
                    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                    if (!info.completeness().isComplete()) {
                        problems.add("cell " + c + ": incomplete source (" + info.completeness() + "): " + brief(rest));
                        break;
                    }
                    for (SnippetEvent e : js.eval(info.source())) {
                        if (e.causeSnippet() != null) {
                            continue; // a dependent snippet updated in passing
                        }
                        if (e.status() == Snippet.Status.REJECTED) {
                            String diags = js.diagnostics(e.snippet()).map(d -> d.getMessage(Locale.ROOT))
                                    .collect(Collectors.joining("; "));
                            problems.add("cell " + c + ": rejected: " + brief(e.snippet().source()) + " -- " + diags);
                        } else if (e.exception() != null) {
                            String what = e.exception() instanceof EvalException ee ? ee.getExceptionClassName() : e.exception().getClass().getName();
                            problems.add("cell " + c + ": threw " + what + ": " + e.exception().getMessage());
                        }
                        last = e.snippet();
                    }
                    rest = info.remaining();
                }
                if (problems.isEmpty() && hasPicture(cell)) {
                    String type = last instanceof ExpressionSnippet x ? x.typeName()
                            : last instanceof VarSnippet v ? v.typeName() : null;
                    if (type == null || !(type.endsWith("BufferedImage") || type.endsWith("RenderedImage"))) {
                        problems.add("cell " + c + ": shows a picture under the project kernel but ends in "
                                + (type == null ? "a statement" : "a value of type " + type)
                                + "; other kernels need an image value (Plots.png)");
                    }
                }
            }
        }
        assertThat(problems).as("%s in a plain JShell; cell output:%n%s", notebook.getFileName(),
                tail(out.toString(StandardCharsets.UTF_8))).isEmpty();
    }

    private static boolean hasPicture(JsonObject cell) {
        for (JsonElement o : cell.getAsJsonArray("outputs")) {
            JsonObject data = o.getAsJsonObject().getAsJsonObject("data");
            if (data != null && data.has("image/png")) {
                return true;
            }
        }
        return false;
    }

    private static String joined(JsonElement source) {
        if (source.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            source.getAsJsonArray().forEach(s -> sb.append(s.getAsString()));
            return sb.toString();
        }
        return source.getAsString();
    }

    private static String brief(String s) {
        String one = s.strip().replace('\n', ' ');
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }
}
