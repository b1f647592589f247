package org.causalheads.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalheads.dag.Scores;

/**
 * One tidy row of a method comparison: a CSV line of {@code data/methods_*.csv} and a record a
 * notebook turns into a Tablesaw table. Columns: {@link #HEADER}.
 *
 * @param problem     task description ({@link ComparisonTask#name()})
 * @param settings    every setting that changes the results beyond the task name, as
 *                    {@code key=value} pairs separated by spaces (the sweep command writes them, so
 *                    that runs with other generator options or budgets never share a key); empty
 *                    for rows computed outside a sweep
 * @param method      method label
 * @param n           number of samples
 * @param seed        seed of the task (problem seed for generated problems, sample seed for networks)
 * @param f1          directed F1
 * @param shd         structural Hamming distance
 * @param precision   directed precision
 * @param recall      directed recall
 * @param skeletonF1  F1 of the adjacencies
 * @param collapse    head-collapse rate ({@code NaN} for methods without heads)
 * @param converged   {@code true} or {@code false} for trained methods (whether training reached its
 *                    stopping rule within the epoch budget), empty for the others and for failures
 * @param millis      wall-clock time of the run
 * @param failure     failure text (commas replaced by semicolons), empty on success
 */
public record ResultRow(String problem, String settings, String method, int n, long seed, double f1, int shd, double precision,
                        double recall, double skeletonF1, double collapse, String converged, long millis, String failure) {

    /** CSV header. */
    public static final List<String> HEADER = List.of("problem", "settings", "method", "n", "seed", "f1", "shd", "precision",
            "recall", "skeleton_f1", "collapse", "converged", "millis", "failure");

    public ResultRow {
        if (problem == null || settings == null || method == null || converged == null || failure == null) {
            throw new IllegalArgumentException("problem, settings, method, converged and failure must not be null (use \"\")");
        }
        if (!converged.isEmpty() && !converged.equals("true") && !converged.equals("false")) {
            throw new IllegalArgumentException("converged = '" + converged + "'; expected true, false or empty");
        }
    }

    /** Number of leading key columns (problem, settings, method, n, seed). */
    public static final int KEY_COLUMNS = 5;

    /** The row of a result on a task, with no settings. */
    public static ResultRow of(ComparisonTask task, long seed, MethodResult r) {
        return of(task, "", seed, r);
    }

    /** The row of a result on a task run with the given settings (see {@link #settings()}). */
    public static ResultRow of(ComparisonTask task, String settings, long seed, MethodResult r) {
        Scores s = r.score(task.truth());
        return new ResultRow(task.name(), settings, r.method(), task.n(), seed, s.f1(), s.shd(), s.precision(), s.recall(),
                s.skeletonF1(), s.headCollapseRate(), r.converged().map(String::valueOf).orElse(""), r.millis(),
                clean(r.failure().orElse("")));
    }

    /** The key of this row: problem, settings, method, n, seed joined by commas. */
    public String key() {
        return key(problem, settings, method, n, seed);
    }

    /** The key of a row with these fields, as {@link #key()} writes it. */
    public static String key(String problem, String settings, String method, int n, long seed) {
        return String.join(",", clean(problem), clean(settings), clean(method), Integer.toString(n), Long.toString(seed));
    }

    /** Whether this row is of a trained method whose training did not reach its stopping rule. */
    public boolean notConverged() {
        return converged.equals("false");
    }

    /** This row as a CSV line (no quoting needed: text cells carry no commas). */
    public String csv() {
        return String.join(",", key(), num(f1), Integer.toString(shd), num(precision), num(recall), num(skeletonF1),
                num(collapse), converged, Long.toString(millis), clean(failure));
    }

    /**
     * The rows of a CSV written by {@link #csv()} under {@link #HEADER} (an empty numeric cell is
     * {@code NaN}).
     *
     * @throws IllegalArgumentException if the file has another header or a line with another
     *                                  number of fields or an unreadable number (the line is named)
     */
    public static List<ResultRow> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String expected = String.join(",", HEADER);
        if (lines.isEmpty() || !lines.get(0).equals(expected)) {
            throw new IllegalArgumentException(file + " has header '" + (lines.isEmpty() ? "" : lines.get(0))
                    + "'; expected '" + expected + "'");
        }
        List<ResultRow> rows = new ArrayList<>();
        for (int q = 1; q < lines.size(); q++) {
            if (lines.get(q).isBlank()) {
                continue;
            }
            String[] c = lines.get(q).split(",", -1);
            if (c.length != HEADER.size()) {
                throw new IllegalArgumentException(file + " line " + (q + 1) + " has " + c.length + " fields; expected "
                        + HEADER.size());
            }
            try {
                rows.add(new ResultRow(c[0], c[1], c[2], Integer.parseInt(c[3]), Long.parseLong(c[4]), dbl(c[5]),
                        Integer.parseInt(c[6]), dbl(c[7]), dbl(c[8]), dbl(c[9]), dbl(c[10]), c[11], Long.parseLong(c[12]),
                        c[13]));
            } catch (IllegalArgumentException e) { // a bad number or converged cell
                throw new IllegalArgumentException(file + " line " + (q + 1) + ": " + e.getMessage());
            }
        }
        return rows;
    }

    private static double dbl(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    static String clean(String s) {
        return s.replace(',', ';').replace('\n', ' ').replace('\r', ' ').replace('"', '\'');
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
