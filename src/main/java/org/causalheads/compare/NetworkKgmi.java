package org.causalheads.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.causalheads.attention.AscentConfig;
import org.causalheads.dag.Dag;
import org.causalheads.info.FDivergence;
import org.causalheads.info.JointTable;
import org.causalheads.info.Objective;
import org.causalheads.info.InfoMeasures;

/**
 * KG-MI attention on a real network. <b>This is this project's extension, not part of the KG-MI
 * paper</b>, whose theory covers K-parent MTD processes with K kernels shared by every node and a
 * single alphabet. A real Bayesian network breaks all three: in-degrees differ from node to node,
 * nodes have different numbers of states, and the conditional tables are arbitrary (not mixtures
 * of per-parent kernels). The extension below keeps the paper's model and dynamics and changes
 * only what has to change:
 *
 * <ul>
 * <li><b>Heads.</b> {@code H} = the largest in-degree ({@link NodeKernels#heads()}). Head
 * {@code ℓ} of node {@code i} is guided by that node's slot kernel {@code Π_{i,ℓ}}, the CPT with
 * the other parents averaged out at their exact marginals ({@link org.causalheads.bn.SlotKernels};
 * exact when the parents are independent, nominal otherwise).</li>
 * <li><b>Rectangular values, reference marginal.</b> {@code V^ℓ_{ij} = KG^{m,Π}_f(x_i; x_j)}
 * ({@link InfoMeasures#kgReference}) from the smoothed empirical {@code S_j × S_i} pair joint,
 * where {@code m} is the exact marginal of slot {@code ℓ}'s parent: the paper's kernel-guided joint
 * {@code μ Π_ℓ} with {@code μ} replaced by that marginal. On an MTD process every marginal is
 * {@code μ} and this is the paper's variational form; on a network the unmodified form (weights
 * {@code P_j Π}) rewards a candidate for its marginal: on asia, KL then picks {@code smoke}
 * (P = ½) over {@code lung} (P = 0.055) as the parent of {@code either}, because a balanced
 * candidate makes {@code I^Π} large. A kernel with {@code S_p} rows
 * can only be applied to a candidate with {@code S_p} states: candidates with another state count
 * are not offered to that head (they cannot be that slot's parent).</li>
 * <li><b>The null candidate.</b> Every head of every node has one extra candidate, "no parent",
 * with the fixed value {@code τ} (default 0 = the variational KG-MI of an <em>independent</em> pair,
 * for every f and kernel). A head abstains when no earlier node explains the child better than
 * independence does. Heads {@code ℓ ≥ k_i} of a node with {@code k_i < H} kernels have no kernel
 * and see only the null candidate: they abstain by construction. The readout ignores heads that
 * pick null, so a root (no kernels) gets no parents.</li>
 * <li><b>Deterministic nodes</b> (asia's {@code either} = OR of two parents) have zero cells in
 * their joints; additive smoothing {@code α} of the pair counts (default 0.5, as
 * {@link JointTable#DEFAULT_SMOOTHING}) keeps every ratio {@code r} positive; zero kernel entries
 * are harmless (the kernel only weights terms).</li>
 * <li><b>Order.</b> The causal mask gives the topological order (candidates {@code j < i}), as the
 * baselines get it through tier knowledge.</li>
 * </ul>
 * With {@link Objective#PLAIN_MI} every head {@code ℓ < k_i} gets the same f-MI values (no
 * kernel; every earlier candidate offered): heads collapse as in the paper.
 *
 * <p>Dynamics: the paper's gradient ascent on {@code (1/T) Σ_i Σ_ℓ Σ_c a^ℓ_{ic} V^ℓ_{ic}} from
 * uniform attention over the candidates {@code c ∈ {null, 0..i−1}} of a row, in the multiplicative
 * form {@code a_c ← a_c exp(η/T · a_c (V_c − Σ a V)) / Z}. The objective is a sum over rows that do
 * not interact, so each row is run until its largest weight reaches {@code 1 − ε_attn} (or the
 * epoch budget ends) and read out there.
 */
public final class NetworkKgmi {

    /** Value of the null ("no parent") candidate: the KG-MI of an independent pair. */
    public static final double DEFAULT_NULL_VALUE = 0.0;

    private NetworkKgmi() {
    }

    /**
     * The outcome of one fit.
     *
     * @param values    {@code values[ℓ][i][c]}: candidate {@code c = 0} is null, {@code c = j + 1} is
     *                  node {@code j < i}; {@code NaN} for a candidate not offered to the head
     * @param attention final attention, same shape (0 for candidates not offered)
     * @param picks     {@code picks[i][ℓ]}: the node head {@code ℓ} of node {@code i} picked, or −1 for null
     * @param estimate  the estimated DAG: each node's distinct non-null picks in head order
     * @param epochs    the largest number of epochs a row ran
     * @param stopped   whether every row reached {@code 1 − ε_attn} within the budget
     */
    public record Fit(double[][][] values, double[][][] attention, int[][] picks, Dag estimate, int epochs,
                      boolean stopped) {
    }

    /**
     * Fits the attention model to discrete samples.
     *
     * @param columns   {@code columns[i]} = the states of node {@code i} in every sample (topological order)
     * @param kernels   slot kernels of every node (their number = the node's in-degree)
     * @param objective KG-MI (kernel-guided heads) or plain f-MI (heads collapse)
     * @param alpha     additive smoothing of the pair counts
     * @param nullValue value {@code τ} of the "no parent" candidate
     * @throws IllegalArgumentException if the columns do not match the kernels (number of nodes,
     *                                  state counts, a kernel's child dimension), or settings are invalid
     */
    public static Fit fit(int[][] columns, NodeKernels kernels, FDivergence f, Objective objective,
                          double alpha, double nullValue, AscentConfig config) {
        int t = kernels.size();
        if (columns.length != t) {
            throw new IllegalArgumentException("got " + columns.length + " columns for " + t + " nodes with kernels");
        }
        if (!Double.isFinite(nullValue)) {
            throw new IllegalArgumentException("null value tau = " + nullValue + "; expected a finite number");
        }
        for (int i = 0; i < t; i++) {
            for (int l = 0; l < kernels.slots(i); l++) {
                double[][] k = kernels.kernelShared(i, l);
                if (k.length == 0 || k[0].length != kernels.states(i)) {
                    throw new IllegalArgumentException("kernel " + l + " of node " + i + " has " + (k.length == 0 ? 0 : k[0].length)
                            + " child states; node " + i + " has " + kernels.states(i));
                }
            }
        }
        int h = Math.max(1, kernels.heads());
        double[][][] v = new double[h][t][];
        for (int i = 0; i < t; i++) {
            int si = kernels.states(i);
            double[][][] pj = new double[i][][];
            boolean needed = kernels.slots(i) > 0;
            for (int j = 0; j < i && needed; j++) {
                pj[j] = InfoMeasures.empiricalJoint(columns[j], columns[i], kernels.states(j), si, alpha);
            }
            double[] mi = new double[i];
            if (objective == Objective.PLAIN_MI && needed) {
                for (int j = 0; j < i; j++) {
                    mi[j] = InfoMeasures.fMutualInformation(f, pj[j]);
                }
            }
            for (int l = 0; l < h; l++) {
                double[] row = new double[i + 1];
                Arrays.fill(row, Double.NaN);
                row[0] = nullValue;
                if (l < kernels.slots(i)) {
                    double[][] k = kernels.kernelShared(i, l);
                    for (int j = 0; j < i; j++) {
                        if (objective == Objective.PLAIN_MI) {
                            row[j + 1] = mi[j];
                        } else if (kernels.states(j) == k.length) {
                            row[j + 1] = InfoMeasures.kgReference(f, pj[j], k, kernels.parentMarginalShared(i, l));
                        }
                    }
                }
                v[l][i] = row;
            }
        }
        double c = config.eta() / t;
        double[][][] a = new double[h][t][];
        int[][] picks = new int[t][h];
        int maxEpochs = 0;
        boolean stopped = true;
        for (int i = 0; i < t; i++) {
            for (int l = 0; l < h; l++) {
                double[] row = v[l][i];
                double[] ar = new double[row.length];
                int e = ascend(row, ar, c, 1 - config.epsAttn(), config.maxEpochs());
                if (e < 0) {
                    stopped = false;
                    e = config.maxEpochs();
                }
                maxEpochs = Math.max(maxEpochs, e);
                a[l][i] = ar;
                int best = 0;
                for (int q = 1; q < ar.length; q++) {
                    if (ar[q] > ar[best]) {
                        best = q;
                    }
                }
                picks[i][l] = best - 1;
            }
        }
        int[][] parents = new int[t][];
        for (int i = 0; i < t; i++) {
            List<Integer> ps = new ArrayList<>();
            for (int l = 0; l < h; l++) {
                if (picks[i][l] >= 0 && !ps.contains(picks[i][l])) {
                    ps.add(picks[i][l]);
                }
            }
            parents[i] = ps.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Fit(v, a, picks, Dag.of(parents), maxEpochs, stopped);
    }

    /**
     * Gradient ascent on one row from uniform attention over its offered candidates (finite
     * values); writes the attention into {@code a}. Returns the epoch at which the largest weight
     * first reached {@code threshold}, or −1 if it never did within {@code maxEpochs}.
     */
    static int ascend(double[] v, double[] a, double c, double threshold, int maxEpochs) {
        int offered = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                offered++;
            }
        }
        for (int q = 0; q < v.length; q++) {
            a[q] = Double.isNaN(v[q]) ? 0 : 1.0 / offered;
        }
        if (offered == 1) {
            return 0;
        }
        for (int e = 0; e < maxEpochs; e++) {
            double m = 0;
            for (int q = 0; q < v.length; q++) {
                if (a[q] > 0) {
                    m += a[q] * v[q];
                }
            }
            double z = 0, max = 0;
            for (int q = 0; q < v.length; q++) {
                if (a[q] > 0) {
                    a[q] *= Math.exp(c * a[q] * (v[q] - m));
                    z += a[q];
                }
            }
            for (int q = 0; q < v.length; q++) {
                a[q] /= z;
                max = Math.max(max, a[q]);
            }
            if (max >= threshold) {
                return e + 1;
            }
        }
        return -1;
    }
}
