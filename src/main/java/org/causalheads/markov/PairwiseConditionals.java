package org.causalheads.markov;

/**
 * Exact pairwise conditionals {@code C[j][i](s, s') = P(S_i = s' | S_j = s)} for all {@code j < i}
 * of an {@link MtdProcess}, without sampling.
 *
 * <p>Recursion over {@code i} in topological order (this project's reconstruction; exact for MTD
 * because {@code S_i} is independent of the non-descendant {@code S_j} given its parents):
 * <pre>
 *   C[j][i] = 1 μᵀ                                   if i is a root,
 *   C[j][i] = Σ_l λ_l R[j][p_l(i)] κ_l               otherwise, with
 *   R[j][p] = C[j][p] (p > j),  I (p = j),  Bayes reverse of C[p][j] (p < j):
 *             R(s, a) = C[p][j](a, s) μ(a) / μ(s).
 * </pre>
 * Cost {@code O(T² K S³)}. The joint is {@code P_ji(s, s') = μ(s) C[j][i](s, s')}.
 */
public final class PairwiseConditionals {

    private final int t;
    private final int s;
    private final double[] mu;
    private final double[][] c; // c[tri(j,i)] row-major S×S

    private PairwiseConditionals(int t, int s, double[] mu, double[][] c) {
        this.t = t;
        this.s = s;
        this.mu = mu;
        this.c = c;
    }

    static int tri(int j, int i) {
        return i * (i - 1) / 2 + j;
    }

    static PairwiseConditionals of(MtdProcess proc) {
        int t = proc.length(), s = proc.states(), k = proc.slots();
        double[] mu = proc.mu();
        double[] lam = proc.lambda();
        double[][] kern = new double[k][];
        for (int l = 0; l < k; l++) {
            kern[l] = new double[s * s];
            for (int a = 0; a < s; a++) {
                for (int b = 0; b < s; b++) {
                    kern[l][a * s + b] = proc.kernel(l).get(a, b);
                }
            }
        }
        double[][] c = new double[Math.toIntExact((long) t * (t - 1) / 2)][];
        double[] r = new double[s * s];
        for (int i = 1; i < t; i++) {
            int[] pa = proc.dag().parents(i);
            for (int j = 0; j < i; j++) {
                double[] m = new double[s * s];
                if (pa.length == 0) {
                    for (int a = 0; a < s; a++) {
                        System.arraycopy(mu, 0, m, a * s, s);
                    }
                } else {
                    for (int l = 0; l < k; l++) {
                        int p = pa[l];
                        double[] rr;
                        if (p == j) {
                            rr = null; // identity
                        } else if (p > j) {
                            rr = c[tri(j, p)];
                        } else {
                            double[] cp = c[tri(p, j)];
                            for (int a = 0; a < s; a++) {
                                for (int b = 0; b < s; b++) {
                                    r[a * s + b] = cp[b * s + a] * mu[b] / mu[a];
                                }
                            }
                            rr = r;
                        }
                        double w = lam[l];
                        double[] kl = kern[l];
                        for (int a = 0; a < s; a++) {
                            for (int b = 0; b < s; b++) {
                                double v;
                                if (rr == null) {
                                    v = kl[a * s + b];
                                } else {
                                    v = 0;
                                    for (int x = 0; x < s; x++) {
                                        v += rr[a * s + x] * kl[x * s + b];
                                    }
                                }
                                m[a * s + b] += w * v;
                            }
                        }
                    }
                }
                c[tri(j, i)] = m;
            }
        }
        return new PairwiseConditionals(t, s, mu, c);
    }

    /** Number of positions T. */
    public int length() {
        return t;
    }

    /** Alphabet size S. */
    public int states() {
        return s;
    }

    /** The common marginal {@code μ} (a copy). */
    public double[] mu() {
        return mu.clone();
    }

    /** {@code C[j][i]} as an S×S matrix, rows indexed by {@code S_j}. */
    public double[][] conditional(int j, int i) {
        double[] m = flat(j, i);
        double[][] out = new double[s][s];
        for (int a = 0; a < s; a++) {
            System.arraycopy(m, a * s, out[a], 0, s);
        }
        return out;
    }

    /** The joint {@code P_ji(s, s') = μ(s) C[j][i](s, s')}, rows indexed by {@code S_j}. */
    public double[][] joint(int j, int i) {
        double[][] out = conditional(j, i);
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                out[a][b] *= mu[a];
            }
        }
        return out;
    }

    /** The joint flattened row-major into {@code dst} (length S²). */
    public void jointInto(int j, int i, double[] dst) {
        double[] m = flat(j, i);
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                dst[a * s + b] = mu[a] * m[a * s + b];
            }
        }
    }

    private double[] flat(int j, int i) {
        if (i < 1 || i >= t || j < 0 || j >= i) {
            throw new IllegalArgumentException("pair (j = " + j + ", i = " + i + "); expected 0 <= j < i < " + t);
        }
        return c[tri(j, i)];
    }
}
