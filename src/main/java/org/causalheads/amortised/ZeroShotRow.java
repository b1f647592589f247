package org.causalheads.amortised;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.causalheads.dag.Scores;

/**
 * One estimate of the zero-shot benchmark: one method on one sample of one held-out domain. A
 * CSV line of the {@code amortised} command's output and a record a notebook turns into a table.
 * Columns: {@link #HEADER}; the first {@link #KEY_COLUMNS} identify the row.
 *
 * <p><b>Scoring</b> ({@link org.causalheads.dag.Metrics}): an estimate may be a CPDAG (Tetrad's
 * PC, FGES, BOSS), whose undirected edges are adjacencies found with orientation unknown: such an
 * edge on a true adjacency costs 1 in SHD (as a reversal does) and is never a correct directed
 * edge for precision and recall; off the true skeleton it is one extra edge. The skeleton columns
 * compare adjacencies alone, so CPDAG methods and DAG methods meet on equal terms there.
 *
 * <p><b>Failed rows.</b> When a method gives no estimate (Tetrad's methods on a sample whose
 * covariance is singular, e.g. {@code n <= d}; anything Tetrad throws), the row says why in
 * {@code failure}; its scores are NaN (empty cells), {@code estimated_edges} 0 and {@code acyclic}
 * false. {@link ZeroShotSummary} and {@link PairedDifference} leave failed rows out and count them.
 *
 * <p><b>Older files.</b> CSVs written before the skeleton and failure columns existed
 * ({@link #OLD_HEADER}) are read with those columns NaN and the failure empty;
 * {@link #upgrade(Path)} rewrites such a file under {@link #HEADER} so the command can resume it.
 *
 * @param setting        {@code a} (one DAG shared by the domains), {@code b} (a DAG per domain, one order) or
 *                       {@code c} (a DAG and an order per domain)
 * @param d              number of variables
 * @param data           {@code raw} or {@code standardised} (training and test data alike)
 * @param seed           seed of the domain family ({@link Domains#of})
 * @param settings       every other setting the row depends on, {@code key=value} pairs separated by
 *                       spaces ({@link ZeroShotBenchmark#settings(ZeroShotMethod)})
 * @param n              samples of the held-out domain
 * @param domain         index of the held-out domain in its family
 * @param method         the method's label ({@link ZeroShotMethod#label()})
 * @param shd            structural Hamming distance to the true DAG (an integer; NaN for a failed row)
 * @param f1             directed F1
 * @param precision      directed precision
 * @param recall         directed recall
 * @param estimatedEdges adjacencies of the (thresholded) estimate, directed and undirected; 0 for a failed row
 * @param trueEdges      edges of the true DAG
 * @param acyclic        whether the thresholded estimate is a DAG; for a CPDAG, whether its directed
 *                       edges form no cycle (undirected edges ignored); false for a failed row
 * @param skeletonShd    extra plus missing adjacencies, orientation ignored (an integer; NaN for a
 *                       failed row or a row of an older file)
 * @param skeletonF1     F1 of the adjacencies, orientation ignored (NaN likewise)
 * @param undirected     true edges estimated as undirected, i.e. the part of SHD due to orientations
 *                       left open (0 for the weighted methods; NaN likewise)
 * @param failure        why the method gave no estimate; empty when it did
 * @param millis         wall-clock time of the estimate (for the amortised model: statistics and forward pass)
 */
public record ZeroShotRow(String setting, int d, String data, long seed, String settings, int n, int domain, String method,
                          double shd, double f1, double precision, double recall, int estimatedEdges, int trueEdges,
                          boolean acyclic, double skeletonShd, double skeletonF1, double undirected, String failure,
                          double millis) {

    /** CSV header. */
    public static final List<String> HEADER = List.of("setting", "d", "data", "seed", "settings", "n", "domain", "method",
            "shd", "f1", "precision", "recall", "estimated_edges", "true_edges", "acyclic", "skeleton_shd", "skeleton_f1",
            "undirected", "failure", "millis");

    /** The header of files written before the skeleton and failure columns; {@link #read} accepts it. */
    public static final List<String> OLD_HEADER = List.of("setting", "d", "data", "seed", "settings", "n", "domain", "method",
            "shd", "f1", "precision", "recall", "estimated_edges", "true_edges", "acyclic", "millis");

    /** Number of leading key columns (setting … method). */
    public static final int KEY_COLUMNS = 8;

    /** The timing column, which differs between runs of the same command. */
    public static final String TIMING = "millis";

    public ZeroShotRow {
        if (setting == null || data == null || settings == null || method == null || failure == null) {
            throw new IllegalArgumentException("setting, data, settings, method and failure must not be null (failure: \"\" when the method ran)");
        }
        for (String s : List.of(setting, data, settings, method, failure)) {
            if (s.indexOf(',') >= 0 || s.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("text cell '" + s + "' holds a comma or a line break; expected a plain CSV cell");
            }
        }
        if (failure.isEmpty() && Double.isNaN(shd)) {
            throw new IllegalArgumentException("shd = NaN in a row without a failure (" + method + "); expected an SHD or a failure");
        }
    }

    /** Whether the method gave no estimate ({@link #failure()} says why). */
    public boolean failed() {
        return !failure.isEmpty();
    }

    /** The row of scores {@code s} of {@code method} on one sample. */
    public static ZeroShotRow of(String setting, int d, String data, long seed, String settings, int n, int domain,
            String method, Scores s, boolean acyclic, double millis) {
        return new ZeroShotRow(setting, d, data, seed, settings, n, domain, method, s.shd(), s.f1(), s.precision(), s.recall(),
                s.estimatedEdges(), s.trueEdges(), acyclic, s.extra() + s.missing(), s.skeletonF1(), s.undirected(), "", millis);
    }

    /**
     * The row of a method that gave no estimate: scores NaN, {@code why} in the failure column
     * (commas and line breaks replaced by semicolons and spaces).
     *
     * @throws IllegalArgumentException if {@code why} is null or blank
     */
    public static ZeroShotRow failure(String setting, int d, String data, long seed, String settings, int n, int domain,
            String method, int trueEdges, String why, double millis) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("failure reason '" + why + "'; expected a non-blank text");
        }
        String cell = why.replace(',', ';').replace('\r', ' ').replace('\n', ' ');
        return new ZeroShotRow(setting, d, data, seed, settings, n, domain, method, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                0, trueEdges, false, Double.NaN, Double.NaN, Double.NaN, cell, millis);
    }

    /** The same row under another method label (e.g. to set two budgets of one method side by side). */
    public ZeroShotRow withMethod(String label) {
        return new ZeroShotRow(setting, d, data, seed, settings, n, domain, label, shd, f1, precision, recall, estimatedEdges,
                trueEdges, acyclic, skeletonShd, skeletonF1, undirected, failure, millis);
    }

    /** The key of this row: its first {@link #KEY_COLUMNS} fields joined by commas. */
    public String key() {
        return key(setting, d, data, seed, settings, n, domain, method);
    }

    /** The key of a row with these fields, as {@link #key()} writes it. */
    public static String key(String setting, int d, String data, long seed, String settings, int n, int domain, String method) {
        return String.join(",", setting, Integer.toString(d), data, Long.toString(seed), settings, Integer.toString(n),
                Integer.toString(domain), method);
    }

    /** This row as a CSV line. */
    public String csv() {
        return String.join(",", key(), count(shd), num(f1), num(precision), num(recall),
                Integer.toString(estimatedEdges), Integer.toString(trueEdges), Boolean.toString(acyclic),
                count(skeletonShd), num(skeletonF1), count(undirected), failure,
                String.format(Locale.ROOT, "%.4f", millis));
    }

    /**
     * Whether this row and {@code other} have the same key and the same scores (timing aside). The
     * skeleton scores ({@code skeleton_shd}, {@code skeleton_f1}, {@code undirected}) are compared
     * when both rows record them: a row read from a file written before those columns existed
     * ({@link #OLD_HEADER}) has them NaN and agrees with a recomputed row on every score it has.
     */
    public boolean sameResult(ZeroShotRow other) {
        boolean skeletons = !(hasNoSkeletonScores() || other.hasNoSkeletonScores());
        return key().equals(other.key()) && count(shd).equals(count(other.shd)) && num(f1).equals(num(other.f1))
                && num(precision).equals(num(other.precision)) && num(recall).equals(num(other.recall))
                && estimatedEdges == other.estimatedEdges && trueEdges == other.trueEdges && acyclic == other.acyclic
                && (!skeletons || count(skeletonShd).equals(count(other.skeletonShd)) && num(skeletonF1).equals(num(other.skeletonF1))
                        && count(undirected).equals(count(other.undirected)))
                && failure.equals(other.failure);
    }

    /** A row without a failure whose skeleton scores are all NaN: read from a file under {@link #OLD_HEADER}. */
    private boolean hasNoSkeletonScores() {
        return !failed() && Double.isNaN(skeletonShd) && Double.isNaN(skeletonF1) && Double.isNaN(undirected);
    }

    /** Writes {@code rows} to {@code file} under {@link #HEADER}, one {@link #csv()} line each: what {@link #read} reads back. */
    public static void write(Path file, List<ZeroShotRow> rows) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
        rows.forEach(r -> sb.append(r.csv()).append('\n'));
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /**
     * The rows of a CSV written under {@link #HEADER}, or under {@link #OLD_HEADER} (the skeleton
     * columns then NaN, the failure empty).
     *
     * @throws IllegalArgumentException if the file has another header, or a line with another
     *                                  number of fields or an unreadable value (the line is named)
     */
    public static List<ZeroShotRow> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String expected = String.join(",", HEADER);
        String older = String.join(",", OLD_HEADER);
        if (lines.isEmpty() || !(lines.get(0).equals(expected) || lines.get(0).equals(older))) {
            throw new IllegalArgumentException(file + " has header '" + (lines.isEmpty() ? "" : lines.get(0))
                    + "'; expected '" + expected + "' (or the older '" + older + "')");
        }
        boolean old = lines.get(0).equals(older);
        int fields = old ? OLD_HEADER.size() : HEADER.size();
        List<ZeroShotRow> rows = new ArrayList<>();
        for (int q = 1; q < lines.size(); q++) {
            if (lines.get(q).isBlank()) {
                continue;
            }
            String[] c = lines.get(q).split(",", -1);
            if (c.length != fields) {
                throw new IllegalArgumentException(file + " line " + (q + 1) + " has " + c.length + " fields; expected " + fields);
            }
            try {
                if (!c[14].equals("true") && !c[14].equals("false")) {
                    throw new IllegalArgumentException("acyclic = '" + c[14] + "'; expected true or false");
                }
                double skShd = old ? Double.NaN : dbl(c[15]);
                double skF1 = old ? Double.NaN : dbl(c[16]);
                double und = old ? Double.NaN : dbl(c[17]);
                String why = old ? "" : c[18];
                double millis = Double.parseDouble(c[old ? 15 : 19]);
                rows.add(new ZeroShotRow(c[0], Integer.parseInt(c[1]), c[2], Long.parseLong(c[3]), c[4], Integer.parseInt(c[5]),
                        Integer.parseInt(c[6]), c[7], dbl(c[8]), dbl(c[9]), dbl(c[10]), dbl(c[11]),
                        Integer.parseInt(c[12]), Integer.parseInt(c[13]), Boolean.parseBoolean(c[14]), skShd, skF1, und, why, millis));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (q + 1) + ": " + e.getMessage());
            }
        }
        return rows;
    }

    /**
     * Rewrites a CSV written under {@link #OLD_HEADER} under {@link #HEADER}: every complete row
     * gains empty skeleton and failure cells before the timing column (its other cells unchanged);
     * a line with another number of fields (a torn last row) is kept as it is. The file is
     * replaced atomically. A file under {@link #HEADER}, an empty file or a missing one is left alone.
     *
     * @return whether the file was rewritten
     */
    public static boolean upgrade(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String older = String.join(",", OLD_HEADER);
        if (!text.startsWith(older + "\n")) {
            return false;
        }
        String pad = ",".repeat(HEADER.size() - OLD_HEADER.size());
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
        String[] lines = text.substring(older.length() + 1).split("\n", -1);
        for (int q = 0; q < lines.length; q++) {
            String line = lines[q];
            boolean last = q == lines.length - 1;
            if (!last && line.split(",", -1).length == OLD_HEADER.size()) {
                int cut = line.lastIndexOf(',');
                sb.append(line, 0, cut).append(pad).append(line.substring(cut));
            } else {
                sb.append(line);
            }
            if (!last) {
                sb.append('\n');
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".upgrade-tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static double dbl(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static String count(double v) {
        return Double.isNaN(v) ? "" : Long.toString(Math.round(v));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
