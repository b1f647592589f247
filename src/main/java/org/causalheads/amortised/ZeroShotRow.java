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
 * @param setting        {@code a} (one DAG shared by the domains) or {@code b} (a DAG per domain, one order)
 * @param d              number of variables
 * @param data           {@code raw} or {@code standardised} (training and test data alike)
 * @param seed           seed of the domain family ({@link Domains#of})
 * @param settings       every other setting the row depends on, {@code key=value} pairs separated by
 *                       spaces ({@link ZeroShotBenchmark#settings()})
 * @param n              samples of the held-out domain
 * @param domain         index of the held-out domain in its family
 * @param method         the method's label ({@link ZeroShotMethod#label()})
 * @param shd            structural Hamming distance to the true DAG
 * @param f1             directed F1
 * @param precision      directed precision
 * @param recall         directed recall
 * @param estimatedEdges edges of the thresholded estimate
 * @param trueEdges      edges of the true DAG
 * @param acyclic        whether the thresholded estimate is a DAG
 * @param millis         wall-clock time of the estimate (for the amortised model: statistics and forward pass)
 */
public record ZeroShotRow(String setting, int d, String data, long seed, String settings, int n, int domain, String method,
                          int shd, double f1, double precision, double recall, int estimatedEdges, int trueEdges,
                          boolean acyclic, double millis) {

    /** CSV header. */
    public static final List<String> HEADER = List.of("setting", "d", "data", "seed", "settings", "n", "domain", "method",
            "shd", "f1", "precision", "recall", "estimated_edges", "true_edges", "acyclic", "millis");

    /** Number of leading key columns (setting … method). */
    public static final int KEY_COLUMNS = 8;

    /** The timing column, which differs between runs of the same command. */
    public static final String TIMING = "millis";

    public ZeroShotRow {
        if (setting == null || data == null || settings == null || method == null) {
            throw new IllegalArgumentException("setting, data, settings and method must not be null");
        }
        for (String s : List.of(setting, data, settings, method)) {
            if (s.indexOf(',') >= 0 || s.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("text cell '" + s + "' holds a comma or a line break; expected a plain CSV cell");
            }
        }
    }

    /** The row of scores {@code s} of {@code method} on one sample. */
    public static ZeroShotRow of(String setting, int d, String data, long seed, String settings, int n, int domain,
            String method, Scores s, boolean acyclic, double millis) {
        return new ZeroShotRow(setting, d, data, seed, settings, n, domain, method, s.shd(), s.f1(), s.precision(), s.recall(),
                s.estimatedEdges(), s.trueEdges(), acyclic, millis);
    }

    /** The same row under another method label (e.g. to set two budgets of one method side by side). */
    public ZeroShotRow withMethod(String label) {
        return new ZeroShotRow(setting, d, data, seed, settings, n, domain, label, shd, f1, precision, recall, estimatedEdges,
                trueEdges, acyclic, millis);
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
        return String.join(",", key(), Integer.toString(shd), num(f1), num(precision), num(recall),
                Integer.toString(estimatedEdges), Integer.toString(trueEdges), Boolean.toString(acyclic),
                String.format(Locale.ROOT, "%.4f", millis));
    }

    /** Whether this row and {@code other} have the same key and the same scores (timing aside). */
    public boolean sameResult(ZeroShotRow other) {
        return key().equals(other.key()) && shd == other.shd && num(f1).equals(num(other.f1))
                && num(precision).equals(num(other.precision)) && num(recall).equals(num(other.recall))
                && estimatedEdges == other.estimatedEdges && trueEdges == other.trueEdges && acyclic == other.acyclic;
    }

    /**
     * The rows of a CSV written under {@link #HEADER}.
     *
     * @throws IllegalArgumentException if the file has another header, or a line with another
     *                                  number of fields or an unreadable value (the line is named)
     */
    public static List<ZeroShotRow> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String expected = String.join(",", HEADER);
        if (lines.isEmpty() || !lines.get(0).equals(expected)) {
            throw new IllegalArgumentException(file + " has header '" + (lines.isEmpty() ? "" : lines.get(0))
                    + "'; expected '" + expected + "'");
        }
        List<ZeroShotRow> rows = new ArrayList<>();
        for (int q = 1; q < lines.size(); q++) {
            if (lines.get(q).isBlank()) {
                continue;
            }
            String[] c = lines.get(q).split(",", -1);
            if (c.length != HEADER.size()) {
                throw new IllegalArgumentException(file + " line " + (q + 1) + " has " + c.length + " fields; expected " + HEADER.size());
            }
            try {
                if (!c[14].equals("true") && !c[14].equals("false")) {
                    throw new IllegalArgumentException("acyclic = '" + c[14] + "'; expected true or false");
                }
                rows.add(new ZeroShotRow(c[0], Integer.parseInt(c[1]), c[2], Long.parseLong(c[3]), c[4], Integer.parseInt(c[5]),
                        Integer.parseInt(c[6]), c[7], Integer.parseInt(c[8]), dbl(c[9]), dbl(c[10]), dbl(c[11]),
                        Integer.parseInt(c[12]), Integer.parseInt(c[13]), Boolean.parseBoolean(c[14]), Double.parseDouble(c[15])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (q + 1) + ": " + e.getMessage());
            }
        }
        return rows;
    }

    private static double dbl(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
