package org.causalheads.info;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.causalheads.dag.Dag;
import org.causalheads.markov.Kernel;
import org.causalheads.markov.MtdProcess;
import org.causalheads.markov.Samples;

/**
 * Value tables for attention training: KG-MI {@code KG[l][i][j] = KG^l_f(S_i; S_j)} for every slot
 * kernel {@code Π_l}, and plain f-MI {@code MI[i][j] = I_f(S_i; S_j)}, for all {@code j < i}.
 * Built from population joints (exact) or from sample counts (estimated). Immutable.
 */
public final class InfoTables {

    private final FDivergence f;
    private final KgForm form;
    private final int t;
    private final int k;
    private final double[][][] kg; // [l][i][j], NaN for j >= i
    private final double[][] mi;   // [i][j]
    private final boolean population;
    private final int n;

    private InfoTables(FDivergence f, KgForm form, int t, int k, double[][][] kg, double[][] mi,
                       boolean population, int n) {
        this.f = f;
        this.form = form;
        this.t = t;
        this.k = k;
        this.kg = kg;
        this.mi = mi;
        this.population = population;
        this.n = n;
    }

    /** Population tables of an MTD process (kernels {@code Π_l} = its slot kernels). */
    public static InfoTables population(MtdProcess p, FDivergence f, KgForm form) {
        return of(JointTable.population(p), p.slotKernels(), f, form);
    }

    /** Empirical tables from samples with the default smoothing. */
    public static InfoTables empirical(Samples x, List<Kernel> slotKernels, FDivergence f, KgForm form) {
        return of(JointTable.empirical(x), slotKernels, f, form);
    }

    /**
     * Tables from any joint table and known slot kernels {@code Π_0..Π_{K-1}}.
     *
     * @throws IllegalArgumentException if the kernels are missing or of the wrong size
     */
    public static InfoTables of(JointTable joints, List<Kernel> slotKernels, FDivergence f, KgForm form) {
        if (f == null || form == null) {
            throw new IllegalArgumentException("f-divergence and KG-MI form are required, got f = " + f + ", form = " + form);
        }
        if (slotKernels == null || slotKernels.isEmpty()) {
            throw new IllegalArgumentException("no slot kernels; expected K >= 1 kernels Pi_l");
        }
        int t = joints.length(), s = joints.states(), k = slotKernels.size();
        double[][] pi = new double[k][s * s];
        for (int l = 0; l < k; l++) {
            Kernel kl = slotKernels.get(l);
            if (kl.size() != s) {
                throw new IllegalArgumentException("slot kernel " + l + " is " + kl.size() + "×" + kl.size()
                        + "; expected " + s + "×" + s + " like the joints");
            }
            for (int a = 0; a < s; a++) {
                for (int b = 0; b < s; b++) {
                    pi[l][a * s + b] = kl.get(a, b);
                }
            }
        }
        double[][][] kg = new double[k][t][t];
        double[][] mi = new double[t][t];
        for (double[][] m : kg) {
            for (double[] r : m) {
                Arrays.fill(r, Double.NaN);
            }
        }
        for (double[] r : mi) {
            Arrays.fill(r, Double.NaN);
        }
        IntStream.range(1, t).parallel().forEach(i -> {
            for (int j = 0; j < i; j++) {
                double[] p = joints.flat(j, i);
                mi[i][j] = InfoMeasures.fMutualInformation(f, p, s, s);
                for (int l = 0; l < k; l++) {
                    kg[l][i][j] = InfoMeasures.kg(form, f, p, pi[l], s, s);
                }
            }
        });
        return new InfoTables(f, form, t, k, kg, mi, joints.isPopulation(), joints.sampleCount());
    }

    public FDivergence divergence() {
        return f;
    }

    public KgForm form() {
        return form;
    }

    /** Number of positions T. */
    public int length() {
        return t;
    }

    /** Number of slots/heads K. */
    public int slots() {
        return k;
    }

    /** Whether the tables were computed from exact population joints. */
    public boolean isPopulation() {
        return population;
    }

    /** Sequences behind empirical tables (0 for population tables). */
    public int sampleCount() {
        return n;
    }

    /** {@code KG^l_f(S_i; S_j)}, {@code j < i}. */
    public double kgmi(int slot, int i, int j) {
        check(i, j);
        return kg[slot][i][j];
    }

    /** {@code I_f(S_i; S_j)}, {@code j < i}. */
    public double mi(int i, int j) {
        check(i, j);
        return mi[i][j];
    }

    /** The T×T KG-MI table of slot {@code l} (a copy; {@code NaN} where {@code j >= i}). */
    public double[][] kgmiTable(int slot) {
        return copy(kg[slot]);
    }

    /** The T×T f-MI table (a copy; {@code NaN} where {@code j >= i}). */
    public double[][] miTable() {
        return copy(mi);
    }

    /**
     * The attention value tables {@code V[l][i][j]} (a copy): per-head KG-MI, or the plain f-MI
     * repeated for every head.
     */
    public double[][][] values(Objective objective) {
        double[][][] v = new double[k][][];
        for (int l = 0; l < k; l++) {
            v[l] = copy(objective == Objective.KG_MI ? kg[l] : mi);
        }
        return v;
    }

    /** The gap of the KG-MI values on {@code dag} (meaningful on population tables). */
    public Gap gap(Dag dag) {
        return gap(dag, Objective.KG_MI);
    }

    /**
     * The gap {@code Δ(i, l) = V^l_{i,p_l(i)} - max_{j ≠ p_l(i)} V^l_{ij}} of an objective's values.
     *
     * @throws IllegalArgumentException if the DAG does not match these tables
     */
    public Gap gap(Dag dag, Objective objective) {
        if (dag.size() != t) {
            throw new IllegalArgumentException("DAG has " + dag.size() + " nodes; tables have T = " + t);
        }
        double[][] g = new double[t][k];
        for (int i = 0; i < t; i++) {
            Arrays.fill(g[i], Double.NaN);
            if (dag.isRoot(i) || i < 2) {
                continue;
            }
            if (dag.inDegree(i) != k) {
                throw new IllegalArgumentException("node " + i + " has " + dag.inDegree(i) + " parents; tables have K = " + k);
            }
            for (int l = 0; l < k; l++) {
                double[] v = (objective == Objective.KG_MI ? kg[l] : mi)[i];
                int p = dag.parent(i, l);
                double best = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < i; j++) {
                    if (j != p) {
                        best = Math.max(best, v[j]);
                    }
                }
                g[i][l] = v[p] - best;
            }
        }
        return new Gap(g);
    }

    /**
     * Estimation error {@code ε = max |this - reference|} over heads and pairs of the given
     * objective's values (this = estimate, reference = population).
     */
    public double estimationError(InfoTables reference, Objective objective) {
        if (reference.t != t || reference.k != k) {
            throw new IllegalArgumentException("reference tables are T = " + reference.t + ", K = " + reference.k
                    + "; expected T = " + t + ", K = " + k);
        }
        double[][][] a = values(objective), b = reference.values(objective);
        double e = 0;
        for (int l = 0; l < k; l++) {
            for (int i = 1; i < t; i++) {
                for (int j = 0; j < i; j++) {
                    e = Math.max(e, Math.abs(a[l][i][j] - b[l][i][j]));
                }
            }
        }
        return e;
    }

    private void check(int i, int j) {
        if (i < 1 || i >= t || j < 0 || j >= i) {
            throw new IllegalArgumentException("pair (i = " + i + ", j = " + j + "); expected 0 <= j < i < " + t);
        }
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int a = 0; a < m.length; a++) {
            c[a] = m[a].clone();
        }
        return c;
    }

    @Override
    public String toString() {
        return "InfoTables[f=" + f + ", form=" + form + ", T=" + t + ", K=" + k
                + (population ? ", population" : ", n=" + n) + "]";
    }
}
