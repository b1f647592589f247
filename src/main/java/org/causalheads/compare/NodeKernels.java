package org.causalheads.compare;

import java.util.List;
import org.causalheads.bn.SlotKernels;
import org.causalheads.dag.Dag;
import org.causalheads.markov.Kernel;

/**
 * The kernels an attention method is given: for every node {@code i} a list of slot kernels
 * {@code Π_{i,0}, …, Π_{i,k_i−1}}, each an {@code S_parent × S_i} row-stochastic matrix
 * (rectangular when parent and child have different state counts). Immutable.
 *
 * <p>On a K-parent MTD problem every non-root node has the same K kernels {@code Π_ℓ} (the
 * paper's setting, {@link #shared}); on a Bayesian network every node has its own, one per
 * parent slot ({@link #of(SlotKernels)}). Either way, the number of kernels of a node is its
 * in-degree: giving a method the kernels tells it how many parents each node has and which nodes
 * are roots, though not which nodes the parents are.
 */
public final class NodeKernels {

    private final double[][][][] k; // [node][slot][parent state][child state]
    private final double[][][] m;   // [node][slot][parent state]: marginal of the slot's parent
    private final int[] states;

    private NodeKernels(double[][][][] k, double[][][] m, int[] states) {
        this.k = k;
        this.m = m;
        this.states = states;
    }

    /**
     * The same kernels {@code Π_0..Π_{K−1}} for every node with parents in {@code dag} (only its
     * in-degrees are read); the parent marginal of every slot is the kernels' common stationary
     * distribution {@code μ} (uniform for doubly stochastic kernels), or, for kernels without one
     * (nominal kernels of a K-ary process), uniform.
     *
     * @throws IllegalArgumentException if a non-root node's in-degree is not the number of kernels
     *                                  or the kernels differ in size
     */
    public static NodeKernels shared(Dag dag, List<Kernel> kernels) {
        return shared(dag, kernels, null);
    }

    /**
     * Shared kernels with a given parent marginal {@code mu} for every slot ({@code null}: uniform).
     *
     * @throws IllegalArgumentException as {@link #shared(Dag, List)}, or if {@code mu} has the wrong size
     */
    public static NodeKernels shared(Dag dag, List<Kernel> kernels, double[] mu) {
        if (kernels == null || kernels.isEmpty()) {
            throw new IllegalArgumentException("no kernels; expected K >= 1 slot kernels");
        }
        int s = kernels.get(0).size();
        double[][][] ks = new double[kernels.size()][][];
        for (int l = 0; l < ks.length; l++) {
            if (kernels.get(l).size() != s) {
                throw new IllegalArgumentException("kernel " + l + " is " + kernels.get(l).size() + "×" + kernels.get(l).size()
                        + "; expected " + s + "×" + s + " like kernel 0");
            }
            ks[l] = kernels.get(l).toArray();
        }
        if (mu != null && mu.length != s) {
            throw new IllegalArgumentException("mu has " + mu.length + " states; expected " + s + " like the kernels");
        }
        double[] mu0 = mu != null ? mu.clone() : new double[s];
        if (mu == null) {
            java.util.Arrays.fill(mu0, 1.0 / s);
        }
        double[][] ms = new double[ks.length][];
        java.util.Arrays.fill(ms, mu0);
        int t = dag.size();
        double[][][][] k = new double[t][][][];
        double[][][] mm = new double[t][][];
        int[] st = new int[t];
        java.util.Arrays.fill(st, s);
        for (int i = 0; i < t; i++) {
            int d = dag.inDegree(i);
            if (d != 0 && d != ks.length) {
                throw new IllegalArgumentException("node " + i + " has " + d + " parents; expected 0 or K = " + ks.length
                        + " (one per shared kernel)");
            }
            k[i] = d == 0 ? new double[0][][] : ks;
            mm[i] = d == 0 ? new double[0][] : ms;
        }
        return new NodeKernels(k, mm, st);
    }

    /**
     * A network's per-slot marginal kernels ({@link SlotKernels}, this project's extension), each
     * with the exact marginal of its slot's parent (the analogue of the paper's {@code μ} in the
     * kernel-guided joint {@code μ Π_ℓ}).
     */
    public static NodeKernels of(SlotKernels sk) {
        int t = sk.size();
        double[][][][] k = new double[t][][][];
        double[][][] mm = new double[t][][];
        int[] st = new int[t];
        for (int i = 0; i < t; i++) {
            st[i] = sk.states(i);
            k[i] = new double[sk.slots(i)][][];
            mm[i] = new double[sk.slots(i)][];
            for (int l = 0; l < k[i].length; l++) {
                k[i][l] = sk.kernel(i, l);
                mm[i][l] = sk.marginal(sk.parent(i, l));
            }
        }
        return new NodeKernels(k, mm, st);
    }

    /** Number of nodes. */
    public int size() {
        return k.length;
    }

    /** Number of heads a model needs: the largest number of kernels of a node. */
    public int heads() {
        int h = 0;
        for (double[][][] x : k) {
            h = Math.max(h, x.length);
        }
        return h;
    }

    /** Number of kernels (parent slots) of node {@code i}. */
    public int slots(int i) {
        return k[check(i)].length;
    }

    /** Number of states of node {@code i}. */
    public int states(int i) {
        return states[check(i)];
    }

    /** Kernel {@code Π_{i,slot}} as {@code [parent state][child state]} (shared, do not modify). */
    double[][] kernelShared(int i, int slot) {
        return k[i][slot];
    }

    /** Marginal of the parent of slot {@code slot} of node {@code i} (shared, do not modify). */
    double[] parentMarginalShared(int i, int slot) {
        return m[i][slot];
    }

    /** Kernel {@code Π_{i,slot}} (a copy). */
    public double[][] kernel(int i, int slot) {
        if (slot < 0 || slot >= slots(i)) {
            throw new IllegalArgumentException("slot " + slot + " of node " + i + "; node " + i + " has " + slots(i) + " kernel(s)");
        }
        double[][] m = k[i][slot];
        double[][] c = new double[m.length][];
        for (int a = 0; a < m.length; a++) {
            c[a] = m[a].clone();
        }
        return c;
    }

    private int check(int i) {
        if (i < 0 || i >= k.length) {
            throw new IllegalArgumentException("node " + i + " out of range 0.." + (k.length - 1));
        }
        return i;
    }
}
