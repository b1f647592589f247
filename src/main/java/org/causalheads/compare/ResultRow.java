package org.causalheads.compare;

import java.util.List;
import java.util.Locale;
import org.causalheads.dag.Scores;

/**
 * One tidy row of a method comparison: a CSV line of {@code data/methods_*.csv} and a record a
 * notebook turns into a Tablesaw table. Columns: {@link #HEADER}.
 *
 * @param problem     task description ({@link Task#name()})
 * @param method      method label
 * @param n           number of samples
 * @param seed        seed of the task (problem seed for generated problems, sample seed for networks)
 * @param f1          directed F1
 * @param shd         structural Hamming distance
 * @param precision   directed precision
 * @param recall      directed recall
 * @param skeletonF1  F1 of the adjacencies
 * @param collapse    head-collapse rate ({@code NaN} for methods without heads)
 * @param millis      wall-clock time of the run
 * @param failure     failure text (commas replaced by semicolons), empty on success
 */
public record ResultRow(String problem, String method, int n, long seed, double f1, int shd, double precision,
                        double recall, double skeletonF1, double collapse, long millis, String failure) {

    /** CSV header. */
    public static final List<String> HEADER = List.of("problem", "method", "n", "seed", "f1", "shd", "precision",
            "recall", "skeleton_f1", "collapse", "millis", "failure");

    /** Number of leading key columns (problem, method, n, seed). */
    public static final int KEY_COLUMNS = 4;

    /** The row of a result on a task. */
    public static ResultRow of(Task task, long seed, MethodResult r) {
        Scores s = r.score(task.truth());
        return new ResultRow(task.name(), r.method(), task.n(), seed, s.f1(), s.shd(), s.precision(), s.recall(),
                s.skeletonF1(), s.headCollapseRate(), r.millis(), clean(r.failure().orElse("")));
    }

    /** The key of this row: problem, method, n, seed joined by commas. */
    public String key() {
        return String.join(",", clean(problem), clean(method), Integer.toString(n), Long.toString(seed));
    }

    /** This row as a CSV line (no quoting needed: text cells carry no commas). */
    public String csv() {
        return String.join(",", key(), num(f1), Integer.toString(shd), num(precision), num(recall), num(skeletonF1),
                num(collapse), Long.toString(millis), clean(failure));
    }

    static String clean(String s) {
        return s.replace(',', ';').replace('\n', ' ').replace('\r', ' ').replace('"', '\'');
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
