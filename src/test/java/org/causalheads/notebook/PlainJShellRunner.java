package org.causalheads.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * Runs notebooks' code cells in bare JShells whose compiler sees only the class path given on
 * the command line, one notebook after another in the same JVM, each in a JShell of its own;
 * the snippets run in that JVM (JShell's local engine, as IJava and JJava run them). Started by
 * {@link JShellWorkers} in a JVM whose class path has no kernel on it.
 *
 * <pre>  java -cp ... org.causalheads.notebook.PlainJShellRunner --serve MARKER CLASSPATH_ENTRY...</pre>
 *
 * It reads a line per notebook from standard input, the notebook's path and a start-up script's
 * separated by a tab ({@code -} for none). The script is evaluated first, one snippet at a time,
 * as IJava and JJava evaluate the files of {@code IJAVA_STARTUP_SCRIPTS_PATH} /
 * {@code JJAVA_STARTUP_SCRIPTS_PATH} (and as the project kernel's corrected engine evaluates
 * {@code RJK_INIT_SCRIPT}); without a notebook, the script alone. After the notebook's output it
 * prints each problem on a line starting {@code problem:}, then {@code MARKER PROBLEMS CPU_SECONDS}
 * on a line of its own (the process's CPU time over that notebook, every thread counted). At the
 * end of its input it prints {@code MARKER end CPU_SECONDS}, the process's CPU time so far, and
 * ends.
 */
public final class PlainJShellRunner {

    private PlainJShellRunner() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !args[0].equals("--serve")) {
            System.err.println("usage: PlainJShellRunner --serve MARKER [CLASSPATH_ENTRY...]");
            System.exit(2);
        }
        serve(args[1], Arrays.asList(args).subList(2, args.length));
    }

    /** The {@code --serve} loop: a notebook per line of standard input, until its end. */
    private static void serve(String marker, List<String> classpath) throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            long cpu = os.getProcessCpuTime();
            List<String> problems;
            if (fields.length != 2) {
                problems = List.of("expected a notebook path and a start-up script path separated by a tab, got: " + brief(line));
            } else {
                try {
                    problems = problems(fields[0].equals("-") ? null : Path.of(fields[0]), classpath,
                            fields[1].equals("-") ? null : Path.of(fields[1]));
                } catch (IOException | RuntimeException e) {
                    problems = List.of("the runner failed: " + e);
                }
            }
            problems.forEach(p -> System.out.println("problem: " + p));
            System.out.println(String.format(Locale.ROOT, "%s %d %.2f", marker, problems.size(), (os.getProcessCpuTime() - cpu) * 1e-9));
            System.out.flush();
        }
        System.out.println(String.format(Locale.ROOT, "%s end %.2f", marker, os.getProcessCpuTime() * 1e-9));
        System.out.flush();
    }

    /**
     * The problems of one notebook (none: the start-up script alone); empty when every cell ran and
     * every picture cell ends in an image.
     */
    static List<String> problems(Path notebook, List<String> classpath, Path startup) throws IOException {
        JsonObject nb = notebook == null ? JsonParser.parseString("{\"cells\": []}").getAsJsonObject()
                : JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        List<String> problems = new ArrayList<>();
        try (JShell js = JShell.builder().executionEngine("local").out(System.out).err(System.out).build()) {
            classpath.forEach(js::addToClasspath);
            SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
            if (startup != null) {
                String rest = Files.readString(startup, StandardCharsets.UTF_8);
                while (!rest.isBlank() && problems.isEmpty()) {
                    SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                    if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                        break; // comments only
                    }
                    if (!info.completeness().isComplete()) {
                        problems.add("start-up script " + startup + ": incomplete source: " + brief(rest));
                        break;
                    }
                    for (SnippetEvent e : js.eval(info.source())) {
                        if (e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED) {
                            problems.add("start-up script " + startup + ": rejected: " + brief(e.snippet().source()) + " -- "
                                    + js.diagnostics(e.snippet()).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("; ")));
                        }
                    }
                    rest = info.remaining();
                }
            }
            JsonArray cells = nb.getAsJsonArray("cells");
            for (int c = 0; c < cells.size() && problems.isEmpty(); c++) {
                JsonObject cell = cells.get(c).getAsJsonObject();
                if (!cell.get("cell_type").getAsString().equals("code")) {
                    continue;
                }
                Snippet last = null;
                String rest = joined(cell.get("source"));
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
                            String what = e.exception() instanceof EvalException ee ? ee.getExceptionClassName()
                                    : e.exception().getClass().getName();
                            problems.add("cell " + c + ": threw " + what + ": " + e.exception().getMessage());
                        }
                        last = e.snippet();
                    }
                    rest = info.remaining();
                }
                if (problems.isEmpty() && hasPicture(cell)) {
                    String type = last instanceof ExpressionSnippet x ? x.typeName()
                            : last instanceof VarSnippet v ? v.typeName() : null;
                    // an Explorer is a BufferedImage (its static twin), so other kernels show it as a PNG too
                    if (type == null || !(type.endsWith("BufferedImage") || type.endsWith("RenderedImage") || type.endsWith("Explorer"))) {
                        problems.add("cell " + c + ": shows a picture under the project kernel but ends in "
                                + (type == null ? "a statement" : "a value of type " + type)
                                + "; other kernels need an image value (Plots.png)");
                    }
                }
            }
        }
        return problems;
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
}
