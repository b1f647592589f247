package org.causalheads.incontext;

import org.causalheads.numeric.Statistics;

/**
 * Row-by-row agreement of two matrices over positions, for comparing the theory's matrices
 * ({@link GradientProbe}, {@link ChiSquareInformation}) with each other and with learned attention.
 *
 * <p><b>Agreement beyond the argmax</b> is measured row by row: {@link #rowPearson} and
 * {@link #rowSpearman} correlate the entries {@code j < i} of row {@code i} of two matrices
 * (Spearman on mid-ranks, so ties — e.g. the exact zeros of the χ² information across trees —
 * share a rank); {@link #meanOverChildRows} averages a per-row quantity over the rows that have
 * a parent, where the claim applies.
 */
public final class RowAgreement {

    private RowAgreement() {
    }

    /** Fewest candidates {@code j < i} for which a row's correlation is reported. */
    public static final int MIN_ROW_ENTRIES = 3;

    /**
     * Per-row Pearson correlation of two lower-triangular matrices: for row {@code i}, the
     * correlation of {@code (a[i][j])_{j<i}} with {@code (b[i][j])_{j<i}}. NaN for rows with fewer
     * than {@link #MIN_ROW_ENTRIES} entries and for rows where either matrix is constant.
     *
     * @throws IllegalArgumentException if the matrices are not square of the same size
     */
    public static double[] rowPearson(double[][] a, double[][] b) {
        return rowCorrelation(a, b, false);
    }

    /**
     * Per-row Spearman rank correlation: {@link #rowPearson} applied to the mid-ranks of each
     * row's entries {@code j < i} (tied values get the mean of their ranks). Invariant under any
     * increasing transformation of either row.
     */
    public static double[] rowSpearman(double[][] a, double[][] b) {
        return rowCorrelation(a, b, true);
    }

    /**
     * Mean of {@code perRow[i]} over the positions {@code i} that have a parent in {@code task}
     * and a defined (non-NaN) value; NaN if there is none.
     *
     * @throws IllegalArgumentException if {@code perRow} does not have one entry per position
     */
    public static double meanOverChildRows(double[] perRow, SequenceTask task) {
        if (perRow.length != task.seqLen()) {
            throw new IllegalArgumentException("expected " + task.seqLen() + " rows, got " + perRow.length);
        }
        double sum = 0;
        int n = 0;
        for (int i = 0; i < perRow.length; i++) {
            if (task.parents(i).length > 0 && !Double.isNaN(perRow[i])) {
                sum += perRow[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The least-squares slope through the origin of {@code a} on {@code b}, Σ a·b / Σ b², over the
     * causal entries {@code j ≤ i} of every row but the last (the query row, whose target is not a
     * position of the sequence): how large {@code a} is in units of {@code b} — e.g. the sampled
     * gradient at initialisation against its first-order formula, where the slope is 1 if the
     * formula is exact. NaN if {@code b} is zero on those entries.
     *
     * @throws IllegalArgumentException if the matrices are not square of the same size
     */
    public static double slopeThroughOrigin(double[][] a, double[][] b) {
        int t = a.length;
        if (b.length != t) {
            throw new IllegalArgumentException("matrices have " + t + " and " + b.length + " rows");
        }
        double sab = 0;
        double sbb = 0;
        for (int i = 0; i < t - 1; i++) {
            if (a[i].length != t || b[i].length != t) {
                throw new IllegalArgumentException("row " + i + " has " + a[i].length + " and " + b[i].length
                        + " entries; expected " + t + " (square matrices)");
            }
            for (int j = 0; j <= i; j++) {
                sab += a[i][j] * b[i][j];
                sbb += b[i][j] * b[i][j];
            }
        }
        return sbb == 0 ? Double.NaN : sab / sbb;
    }

    private static double[] rowCorrelation(double[][] a, double[][] b, boolean ranks) {
        int t = a.length;
        if (b.length != t) {
            throw new IllegalArgumentException("matrices have " + t + " and " + b.length + " rows");
        }
        for (int i = 0; i < t; i++) {
            if (a[i].length != t || b[i].length != t) {
                throw new IllegalArgumentException("row " + i + " has " + a[i].length + " and " + b[i].length
                        + " entries; expected " + t + " (square matrices)");
            }
        }
        double[] out = new double[t];
        for (int i = 0; i < t; i++) {
            if (i < MIN_ROW_ENTRIES) {
                out[i] = Double.NaN;
                continue;
            }
            double[] x = java.util.Arrays.copyOf(a[i], i);
            double[] y = java.util.Arrays.copyOf(b[i], i);
            out[i] = ranks ? Statistics.spearman(x, y) : Statistics.pearson(x, y);
        }
        return out;
    }
}
