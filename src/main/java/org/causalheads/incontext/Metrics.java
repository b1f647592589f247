package org.causalheads.incontext;

/**
 * Read-outs of causal attention matrices ({@code T×T}, row {@code i} over columns {@code j ≤ i}).
 */
public final class Metrics {

    private Metrics() {
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
     * parents ({@link Task#parents(int)}); NaN if no position has a parent.
     */
    public static double parentRecovery(int[] argmax, Task task) {
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
    public static double meanOnParents(double[][] attn, Task task) {
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
}
