package org.causalheads.attention;

import org.causalheads.numeric.Softmax;
import org.causalheads.dag.Dag;

/**
 * An immutable snapshot of K-head causal attention over {@code T} positions: {@code weight(l, i, j)}
 * is {@code a^l_{ij} = softmax_j(Q^l_{i,·})} over the candidates {@code j < i}. Node 0 has no
 * candidates (its row is empty); node {@code i} has {@code i}.
 */
public final class Attention {

    private final double[][][] a; // [l][i][j], row i has length i

    Attention(double[][][] a) {
        this.a = a;
    }

    /** Uniform attention (the zero-logit initialisation). */
    public static Attention uniform(int heads, int t) {
        double[][][] a = new double[heads][t][];
        for (int l = 0; l < heads; l++) {
            for (int i = 0; i < t; i++) {
                a[l][i] = new double[i];
                java.util.Arrays.fill(a[l][i], 1.0 / Math.max(i, 1));
            }
        }
        return new Attention(a);
    }

    /** Softmax of logits {@code q[l][i][j]} over {@code j < i} (full T×T arrays; entries {@code j >= i} ignored). */
    public static Attention softmax(double[][][] q) {
        int k = q.length, t = q[0].length;
        double[][][] a = new double[k][t][];
        for (int l = 0; l < k; l++) {
            for (int i = 0; i < t; i++) {
                a[l][i] = i == 0 ? new double[0] : Softmax.of(q[l][i], 0, i);
            }
        }
        return new Attention(a);
    }

    static Attention copyOf(double[][][] rows) {
        double[][][] c = new double[rows.length][rows[0].length][];
        for (int l = 0; l < rows.length; l++) {
            for (int i = 0; i < rows[l].length; i++) {
                c[l][i] = rows[l][i].clone();
            }
        }
        return new Attention(c);
    }

    /** Number of heads K. */
    public int heads() {
        return a.length;
    }

    /** Number of positions T. */
    public int length() {
        return a[0].length;
    }

    /** {@code a^l_{ij}} ({@code 0 <= j < i}). */
    public double weight(int head, int i, int j) {
        if (j < 0 || j >= i) {
            throw new IllegalArgumentException("candidate j = " + j + " of node " + i + "; expected 0 <= j < " + i);
        }
        return a[head][i][j];
    }

    /** The attention row of node {@code i} under head {@code l} (length {@code i}, a copy). */
    public double[] row(int head, int i) {
        return a[head][i].clone();
    }

    /** Head {@code l}'s attention as a T×T matrix, row {@code i} = query node, 0 where {@code j >= i}. */
    public double[][] matrix(int head) {
        int t = length();
        double[][] m = new double[t][t];
        for (int i = 0; i < t; i++) {
            System.arraycopy(a[head][i], 0, m[i], 0, i);
        }
        return m;
    }

    /** {@code max_j a^l_{ij}} (1 for node 0 by convention: nothing to attend to). */
    public double maxWeight(int head, int i) {
        double m = i == 0 ? 1 : 0;
        for (double v : a[head][i]) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** {@code argmax_j a^l_{ij}} (the readout {@code p̂_l(i)}); -1 for node 0. */
    public int argmax(int head, int i) {
        int best = -1;
        double m = Double.NEGATIVE_INFINITY;
        double[] r = a[head][i];
        for (int j = 0; j < r.length; j++) {
            if (r[j] > m) {
                m = r[j];
                best = j;
            }
        }
        return best;
    }

    /**
     * Largest deviation from uniform attention over root nodes {@code i >= 2} of {@code dag} and all
     * heads: {@code max |a^l_{ij} - 1/i|}. Near 0 means root attention stayed balanced.
     */
    public double rootDeviation(Dag dag) {
        double d = 0;
        for (int i = 2; i < length(); i++) {
            if (!dag.isRoot(i)) {
                continue;
            }
            for (int l = 0; l < heads(); l++) {
                for (double v : a[l][i]) {
                    d = Math.max(d, Math.abs(v - 1.0 / i));
                }
            }
        }
        return d;
    }
}
