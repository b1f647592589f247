package org.causalheads.info;

import org.causalheads.markov.MtdProcess;
import org.causalheads.markov.PairwiseConditionals;
import org.causalheads.markov.Samples;

/**
 * Joint tables {@code P_ji} for every pair {@code j < i}: either population (exact, from an
 * {@link MtdProcess}) or empirical (pair counts with additive smoothing
 * {@code P̂_ji(a,b) = (N_ji(a,b) + α) / (n + S² α)}, so every ratio {@code r} is positive).
 */
public final class JointTable {

    /** Default additive smoothing α (pseudo-count per cell). */
    public static final double DEFAULT_SMOOTHING = 0.5;

    private final int t;
    private final int s;
    private final double[][] joints; // [tri(j,i)][a*s+b]
    private final boolean population;
    private final int n;

    private JointTable(int t, int s, double[][] joints, boolean population, int n) {
        this.t = t;
        this.s = s;
        this.joints = joints;
        this.population = population;
        this.n = n;
    }

    /** Exact joints of an MTD process. */
    public static JointTable population(MtdProcess process) {
        return population(process.exactConditionals());
    }

    /** Exact joints from precomputed conditionals. */
    public static JointTable population(PairwiseConditionals c) {
        int t = c.length(), s = c.states();
        double[][] j = new double[Math.toIntExact((long) t * (t - 1) / 2)][];
        for (int i = 1; i < t; i++) {
            for (int q = 0; q < i; q++) {
                double[] d = new double[s * s];
                c.jointInto(q, i, d);
                j[PairCounts.tri(q, i)] = d;
            }
        }
        return new JointTable(t, s, j, true, 0);
    }

    /** Empirical joints from samples with the default smoothing. */
    public static JointTable empirical(Samples x) {
        return empirical(PairCounts.of(x), DEFAULT_SMOOTHING);
    }

    /**
     * Empirical joints from pair counts with additive smoothing {@code alpha}.
     *
     * @throws IllegalArgumentException if {@code alpha <= 0} or not finite
     */
    public static JointTable empirical(PairCounts counts, double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("smoothing alpha = " + alpha + "; expected a positive finite pseudo-count (so r > 0)");
        }
        int t = counts.length(), s = counts.states(), n = counts.samples();
        double denom = n + s * s * alpha;
        double[][] j = new double[Math.toIntExact((long) t * (t - 1) / 2)][];
        for (int i = 1; i < t; i++) {
            for (int q = 0; q < i; q++) {
                long[] c = counts.flat(q, i);
                double[] d = new double[s * s];
                for (int a = 0; a < d.length; a++) {
                    d[a] = (c[a] + alpha) / denom;
                }
                j[PairCounts.tri(q, i)] = d;
            }
        }
        return new JointTable(t, s, j, false, n);
    }

    public int length() {
        return t;
    }

    public int states() {
        return s;
    }

    /** Whether these are exact population joints. */
    public boolean isPopulation() {
        return population;
    }

    /** Number of sequences behind empirical joints (0 for population). */
    public int sampleCount() {
        return n;
    }

    /** The joint of pair {@code (j, i)} as an S×S matrix, rows indexed by {@code S_j}. */
    public double[][] joint(int j, int i) {
        double[] f = flat(j, i);
        double[][] out = new double[s][s];
        for (int a = 0; a < s; a++) {
            System.arraycopy(f, a * s, out[a], 0, s);
        }
        return out;
    }

    double[] flat(int j, int i) {
        if (i < 1 || i >= t || j < 0 || j >= i) {
            throw new IllegalArgumentException("pair (j = " + j + ", i = " + i + "); expected 0 <= j < i < " + t);
        }
        return joints[PairCounts.tri(j, i)];
    }
}
