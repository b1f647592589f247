package org.causalheads.incontext;

/**
 * Read-outs of causal attention matrices ({@code T×T}, row {@code i} over columns {@code j ≤ i}).
 */
public final class AttentionMetrics {

    private AttentionMetrics() {
    }

    /** For each row {@code i}, the column {@code j ≤ i} with the largest entry (ties: the earliest). */
    public static int[] rowArgmax(double[][] m) {
        int[] out = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            int best = 0;
            for (int j = 1; j <= i && j < m[i].length; j++) {
                if (m[i][j] > m[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * For each row {@code i ≥ 1}, the column {@code j < i} with the largest entry (strictly earlier
     * positions: the candidates for a parent); row 0 gets {@code -1}.
     */
    public static int[] rowArgmaxBefore(double[][] m) {
        int[] out = new int[m.length];
        out[0] = -1;
        for (int i = 1; i < m.length; i++) {
            int best = 0;
            for (int j = 1; j < i; j++) {
                if (m[i][j] > m[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * Fraction of the positions with parents whose entry in {@code argmax} is one of their true
     * parents ({@link SequenceTask#parents(int)}); NaN if no position has a parent.
     */
    public static double parentRecovery(int[] argmax, SequenceTask task) {
        int n = 0;
        int hit = 0;
        for (int i = 0; i < argmax.length; i++) {
            int[] pa = task.parents(i);
            if (pa.length == 0) {
                continue;
            }
            n++;
            for (int p : pa) {
                if (argmax[i] == p) {
                    hit++;
                    break;
                }
            }
        }
        return n == 0 ? Double.NaN : (double) hit / n;
    }

    /**
     * Mean over positions with parents of the attention mass on the parent set,
     * {@code Σ_{p ∈ pa(i)} attn[i][p]}; NaN if no position has a parent.
     */
    public static double meanOnParents(double[][] attn, SequenceTask task) {
        int n = 0;
        double sum = 0;
        for (int i = 0; i < attn.length; i++) {
            int[] pa = task.parents(i);
            if (pa.length == 0) {
                continue;
            }
            n++;
            for (int p : pa) {
                sum += attn[i][p];
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Induction mass of row {@code i} of a causal attention matrix over the sequence
     * {@code tokens}: the attention {@code i} puts on its <i>induction targets</i>, the positions
     * {@code 1 ≤ j ≤ i} whose previous token equals the current one ({@code x_{j-1} = x_i}) —
     * the tokens that followed earlier occurrences of {@code x_i}. NaN if row {@code i} has no
     * induction target (then no head can score there, and the row is left out of averages).
     *
     * @throws IllegalArgumentException if the matrix and the sequence differ in length or
     *                                  {@code i} is not a row
     */
    public static double inductionMass(double[][] attn, int[] tokens, int i) {
        if (attn.length != tokens.length) {
            throw new IllegalArgumentException("attention has " + attn.length + " rows but the sequence has "
                    + tokens.length + " tokens");
        }
        if (i < 0 || i >= tokens.length) {
            throw new IllegalArgumentException("row " + i + " out of range 0.." + (tokens.length - 1));
        }
        double mass = 0;
        boolean any = false;
        for (int j = 1; j <= i; j++) {
            if (tokens[j - 1] == tokens[i]) {
                mass += attn[i][j];
                any = true;
            }
        }
        return any ? mass : Double.NaN;
    }

    /**
     * Induction score of one sequence: the mean of {@link #inductionMass} over the rows that
     * have an induction target (every such row counts once, the query's included); NaN if no row
     * has one. Its ceiling is 1 (all of every scored row's mass on its targets); uniform causal
     * attention scores the mean share {@code #targets(i) / (i+1)}.
     */
    public static double inductionScore(double[][] attn, int[] tokens) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < tokens.length; i++) {
            double m = inductionMass(attn, tokens, i);
            if (!Double.isNaN(m)) {
                sum += m;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * {@link #inductionMass} on flat storage: row {@code i} of the {@code t×t} matrix
     * {@code att[i·t + j]}, sequence {@code tokens[off..off+t)}; NaN if no target.
     */
    static double inductionMass(double[] att, int t, int[] tokens, int off, int i) {
        double mass = 0;
        boolean any = false;
        int xi = tokens[off + i];
        for (int j = 1; j <= i; j++) {
            if (tokens[off + j - 1] == xi) {
                mass += att[i * t + j];
                any = true;
            }
        }
        return any ? mass : Double.NaN;
    }

    /**
     * Where one attention row's mass goes, by kind of position: the row's parent(s), other roots
     * (context positions without a parent), other children (context positions with a parent), and
     * the row itself; the four sum to the row's total mass (1 for a softmax row).
     *
     * @param parent   mass on the row's true parents
     * @param roots    mass on roots {@code j < i} that are not a parent of the row
     * @param children mass on positions {@code j < i} that have a parent and are not a parent of the row
     * @param self     mass on {@code j = i}
     */
    public record RowMass(double parent, double roots, double children, double self) {
    }

    /**
     * {@link RowMass} of row {@code i} of a causal attention matrix of {@code task}'s length. A
     * root is a context position ({@code j < task.contextLength()}) without parents.
     */
    public static RowMass rowMass(double[][] attn, SequenceTask task, int i) {
        if (attn.length != task.seqLen()) {
            throw new IllegalArgumentException("attention has " + attn.length + " rows but the task has T = " + task.seqLen());
        }
        if (i < 0 || i >= attn.length) {
            throw new IllegalArgumentException("row " + i + " out of range 0.." + (attn.length - 1));
        }
        int[] pa = task.parents(i);
        double parent = 0;
        double roots = 0;
        double children = 0;
        for (int j = 0; j < i; j++) {
            boolean isParent = false;
            for (int p : pa) {
                isParent |= p == j;
            }
            if (isParent) {
                parent += attn[i][j];
            } else if (j < task.contextLength() && task.parents(j).length == 0) {
                roots += attn[i][j];
            } else {
                children += attn[i][j];
            }
        }
        return new RowMass(parent, roots, children, attn[i][i]);
    }

    /** {@link #rowMass} averaged over the rows that have a parent; NaN entries if none has one. */
    public static RowMass meanChildRowMass(double[][] attn, SequenceTask task) {
        double[] sum = new double[4];
        int n = 0;
        for (int i = 0; i < attn.length; i++) {
            if (task.parents(i).length == 0) {
                continue;
            }
            RowMass m = rowMass(attn, task, i);
            sum[0] += m.parent();
            sum[1] += m.roots();
            sum[2] += m.children();
            sum[3] += m.self();
            n++;
        }
        return new RowMass(sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n);
    }
}
