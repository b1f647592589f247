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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The classroom assignments under {@code notebooks/assignments/} and their commands
 * ({@code environment/assignments.py}, behind {@code environment/assignments.sh}).
 *
 * <p>Without a kernel: every assignment names the project kernel, is committed executed without
 * an error, carries well-formed nbgrader metadata (schema 3, unique grade ids, points on graded
 * cells, balanced solution and hidden-test markers) and has 3 to 6 exercises with a rubric for
 * every written one.
 *
 * <p>With the kernel (skipped with {@code -Dnotebooks.skip=true}): the released versions keep no
 * solution, hidden test or output; graded, each source scores full marks and each released version
 * zero on every autograded exercise; the committed submissions of
 * {@code src/test/resources/assignments/} score exactly their points: one exercise solved; a
 * {@code System.exit} and an endless loop (zero for those exercises, the one between them still
 * scores); a throwing cell and an edited locked test cell (zero for those, the last still scores).
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other test classes; its jobs go to the shared pool
class AssignmentsTest {

    private static final Path HOME = Paths.get("").toAbsolutePath();
    private static final Path SOURCES = HOME.resolve("notebooks/assignments");
    private static final Path FIXTURES = HOME.resolve("src/test/resources/assignments");

    static List<Path> assignments() throws IOException {
        try (Stream<Path> s = Files.list(SOURCES)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    static JsonObject read(Path p) throws IOException {
        return JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    static String source(JsonObject cell) {
        JsonElement s = cell.get("source");
        if (s.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            s.getAsJsonArray().forEach(e -> b.append(e.getAsString()));
            return b.toString();
        }
        return s.getAsString();
    }

    static JsonObject nbgrader(JsonObject cell) {
        JsonObject m = cell.getAsJsonObject("metadata");
        return m != null && m.has("nbgrader") ? m.getAsJsonObject("nbgrader") : null;
    }

    static boolean flag(JsonObject m, String key) {
        return m.has(key) && m.get(key).getAsBoolean();
    }

    static int count(String text, String marker) {
        return text.split(java.util.regex.Pattern.quote(marker), -1).length - 1;
    }

    @Test
    void everyAssignmentIsWellFormedAndCommittedExecuted() throws IOException {
        List<Path> all = assignments();
        assertThat(all).as("assignments under %s", SOURCES).hasSizeGreaterThanOrEqualTo(4);
        for (Path p : all) {
            String name = p.getFileName().toString();
            JsonObject nb = read(p);
            assertThat(nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString())
                    .as("kernelspec of %s", name).isEqualTo("causal-heads");
            assertThat(nb.toString()).as("stored error outputs in %s", name).doesNotContain("\"output_type\":\"error\"");
            Set<String> ids = new HashSet<>();
            int auto = 0;
            int written = 0;
            for (JsonElement e : nb.getAsJsonArray("cells")) {
                JsonObject cell = e.getAsJsonObject();
                JsonObject m = nbgrader(cell);
                String text = source(cell);
                assertThat(count(text, "BEGIN SOLUTION")).as("solution markers in %s: %s", name, text)
                        .isEqualTo(count(text, "END SOLUTION"));
                assertThat(count(text, "BEGIN HIDDEN TESTS")).as("hidden-test markers in %s", name)
                        .isEqualTo(count(text, "END HIDDEN TESTS"));
                if (m == null) {
                    continue;
                }
                assertThat(m.get("schema_version").getAsInt()).as("schema_version in %s", name).isEqualTo(3);
                assertThat(ids.add(m.get("grade_id").getAsString())).as("unique grade_id %s in %s", m.get("grade_id"), name).isTrue();
                boolean code = cell.get("cell_type").getAsString().equals("code");
                if (flag(m, "grade")) {
                    assertThat(m.get("points").getAsDouble()).as("points of %s", m.get("grade_id")).isPositive();
                }
                if (code && flag(m, "grade") && flag(m, "locked")) {
                    auto++;
                    assertThat(cell.getAsJsonArray("outputs")).as("stored output of test %s", m.get("grade_id")).isNotEmpty();
                }
                if (code && flag(m, "solution")) {
                    assertThat(text).as("solution cell %s has a solution region", m.get("grade_id")).contains("// BEGIN SOLUTION");
                }
                if (!code && flag(m, "grade") && flag(m, "solution")) {
                    written++;
                    assertThat(cell.getAsJsonObject("metadata").getAsJsonObject("causal_heads").get("rubric").getAsString())
                            .as("rubric of %s", m.get("grade_id")).isNotBlank();
                }
            }
            assertThat(auto).as("autograded exercises in %s", name).isPositive();
            assertThat(written).as("written exercises in %s", name).isPositive();
            assertThat(auto + written).as("exercises in %s", name).isBetween(3, 6);
        }
    }

    @Test
    void releaseStripsAndGradingScoresExactly(@TempDir Path tmp) throws Exception {
        assumeFalse(Boolean.getBoolean("notebooks.skip"), "notebooks.skip=true");
        Path pythonFile = HOME.resolve("target/python-path");
        assertThat(pythonFile).as("target/python-path is written by environment/setup.sh: run it first").exists();
        String python = Files.readString(pythonFile).trim();

        Path release = tmp.resolve("release");
        run(python, tmp.resolve("release.out"), "release", "--out", release.toString());
        // the grading commands: each committed submission alone (the one with an endless loop first,
        // it waits out the time limit), then each source with its released copy in one command; they
        // run on the suite's shared pool, each grading on kernels of its own
        List<List<String>> commands = new ArrayList<>();
        try (Stream<Path> s = Files.list(FIXTURES)) {
            s.filter(f -> f.toString().endsWith(".ipynb")).sorted(Comparator.comparing((Path f) -> !f.toString().contains("loop")))
                    .forEach(f -> commands.add(List.of(f.toString())));
        }
        for (Path p : assignments()) {
            Path student = release.resolve(p.getFileName());
            String text = Files.readString(student);
            assertThat(text).as("released %s", p.getFileName())
                    .doesNotContain("BEGIN SOLUTION").doesNotContain("HIDDEN TESTS").doesNotContain("\"output_type\"")
                    .doesNotContain("rubric").contains("not implemented");
            // the released copy goes in a folder named like a student, as it would be collected
            Path zero = Files.createDirectories(tmp.resolve("blank")).resolve(p.getFileName());
            Files.copy(student, zero);
            commands.add(List.of(p.toString(), zero.toString()));
        }
        String grader = HOME.resolve("environment/assignments.py").toString();
        Path logs = Files.createDirectories(HOME.resolve("target/kernel-logs"));
        List<Future<SuiteJobs.Result>> jobs = new ArrayList<>();
        for (int k = 0; k < commands.size(); k++) {
            List<String> cmd = new ArrayList<>(List.of(python, grader, "grade", "--out", tmp.resolve("grades-" + k).toString(), "--timeout", "15"));
            cmd.addAll(commands.get(k));
            String label = Paths.get(commands.get(k).get(0)).getFileName() + (commands.get(k).size() > 1 ? ", source and released" : "");
            jobs.add(SuiteJobs.submit("grade", label, cmd,
                    Map.of("CAUSAL_HEADS_HOME", HOME.toString(), "CAUSAL_HEADS_KERNEL_LOG", logs.resolve("assignments-test-" + k + ".log").toString()),
                    tmp.resolve("grade-" + k + ".out"), Duration.ofMinutes(15)));
        }
        Map<String, JsonObject> bySubmission = new LinkedHashMap<>();
        int submissions = 0;
        for (int k = 0; k < jobs.size(); k++) {
            SuiteJobs.Result r = SuiteJobs.await(jobs.get(k));
            assertThat(r.finished()).as("assignments.py grade %s finished within 15 minutes; output:%n%s", commands.get(k), r.output()).isTrue();
            assertThat(r.exit()).as("assignments.py grade %s; output:%n%s", commands.get(k), r.output()).isZero();
            Path grades = tmp.resolve("grades-" + k);
            assertThat(grades.resolve("summary.csv")).exists();
            try (Stream<Path> s = Files.list(grades)) {
                List<Path> reports = s.filter(f -> f.toString().endsWith(".json")).toList();
                assertThat(reports).as("one report per submission of %s", commands.get(k)).hasSize(commands.get(k).size());
                for (Path f : reports) {
                    JsonObject report = read(f);
                    bySubmission.put(report.get("submission").getAsString(), report);
                }
            }
            submissions += commands.get(k).size();
        }
        assertThat(bySubmission).as("one report per submission").hasSize(submissions);
        for (Path p : assignments()) {
            JsonObject full = bySubmission.get(p.toString());
            assertThat(full.get("auto_points").getAsDouble()).as("source %s scores full marks: %s", p.getFileName(), full)
                    .isEqualTo(full.get("auto_possible").getAsDouble()).isPositive();
            JsonObject blank = bySubmission.get(tmp.resolve("blank").resolve(p.getFileName()).toString());
            for (Map.Entry<String, Double> e : points(blank).entrySet()) {
                assertThat(e.getValue()).as("released %s, exercise %s: %s", p.getFileName(), e.getKey(), blank).isZero();
            }
        }
        assertThat(points(bySubmission.get(FIXTURES.resolve("A1-partial.ipynb").toString())))
                .containsExactlyEntriesOf(ordered("A1-failing-slots-test", 0.0, "A1-readout-test", 3.0, "A1-collapse-test", 0.0));
        JsonObject exit = bySubmission.get(FIXTURES.resolve("A1-exit-and-loop.ipynb").toString());
        assertThat(points(exit))
                .containsExactlyEntriesOf(ordered("A1-failing-slots-test", 0.0, "A1-readout-test", 3.0, "A1-collapse-test", 0.0));
        assertThat(messages(exit)).anyMatch(m -> m.contains("ended the kernel")).anyMatch(m -> m.contains("time limit"));
        JsonObject crash = bySubmission.get(FIXTURES.resolve("A1-crash-and-edit.ipynb").toString());
        assertThat(points(crash))
                .containsExactlyEntriesOf(ordered("A1-failing-slots-test", 0.0, "A1-readout-test", 0.0, "A1-collapse-test", 2.0));
        assertThat(messages(crash)).anyMatch(m -> m.contains("out of bounds")).anyMatch(m -> m.contains("edited"));
    }

    @Test
    void badInputGetsOneLineAndStatusTwo(@TempDir Path tmp) throws Exception {
        Path pythonFile = HOME.resolve("target/python-path");
        assumeFalse(!Files.exists(pythonFile), "environment/setup.sh has not run");
        String python = Files.readString(pythonFile).trim();
        Path notNotebook = Files.writeString(tmp.resolve("essay.ipynb"), "my essay");
        for (String[] args : List.of(new String[] {"grade", tmp.resolve("missing.ipynb").toString()},
                new String[] {"grade", notNotebook.toString()},
                new String[] {"release", "A9-nothing"})) {
            Path out = tmp.resolve("bad.out");
            int status = exec(python, out, args);
            List<String> lines = Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
            assertThat(status).as("exit status for %s: %s", List.of(args), lines).isEqualTo(2);
            assertThat(lines).as("output for %s", List.of(args)).hasSize(1);
            assertThat(lines.get(0)).startsWith("error: ");
        }
    }

    static Map<String, Double> ordered(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put((String) kv[k], (Double) kv[k + 1]);
        }
        return m;
    }

    static Map<String, Double> points(JsonObject report) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (JsonElement e : report.getAsJsonArray("exercises")) {
            JsonObject x = e.getAsJsonObject();
            if (x.get("kind").getAsString().equals("auto")) {
                m.put(x.get("exercise").getAsString(), x.get("points").getAsDouble());
            }
        }
        return m;
    }

    static List<String> messages(JsonObject report) {
        JsonArray a = report.getAsJsonArray("exercises");
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsJsonObject().get("message").getAsString()));
        return out;
    }

    static void run(String python, Path out, String... args) throws Exception {
        int status = exec(python, out, args);
        assertThat(status).as("assignments.py %s; output:%n%s", List.of(args), Files.readString(out)).isZero();
    }

    static int exec(String python, Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, HOME.resolve("environment/assignments.py").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CAUSAL_HEADS_HOME", HOME.toString());
        Path logs = Files.createDirectories(HOME.resolve("target/kernel-logs"));
        pb.environment().put("CAUSAL_HEADS_KERNEL_LOG", logs.resolve("assignments-test.log").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("assignments.py " + List.of(args) + " did not finish within 15 minutes");
        }
        return p.exitValue();
    }
}
