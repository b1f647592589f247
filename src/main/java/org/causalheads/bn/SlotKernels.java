package org.causalheads.bn;

/**
 * Per-slot marginal kernels and node marginals of a {@link BayesNet}, the tables KG-MI needs on a
 * real network. <b>This is this project's extension, not part of the KG-MI paper</b>, which works
 * with synthetic MTD processes ({@link org.causalheads.markov.MtdProcess}).
 *
 * <h2>Definition</h2>
 * For node {@code i} with parents {@code (p_1, ..., p_k)} (slot order as written in the file) and
 * slot {@code l}, the <em>nominal slot kernel</em> is the CPT averaged over the other parents drawn
 * independently from their exact marginals:
 * <pre>
 *   Pi_l(s' | s) = sum over states a_m of the parents m != l of
 *                  prod_{m != l} P(x_{p_m} = a_m) * P(x_i = s' | x_{p_l} = s, x_{p_m} = a_m for m != l)
 * </pre>
 * It is an {@code S_{p_l} x S_i} row-stochastic matrix (rectangular when parent and child have
 * different numbers of states). It equals the exact {@code P(x_i | x_{p_l})} when the parents of
 * {@code i} are mutually independent, mirroring the MTD process's marginal slot kernel
 * {@code Pi_l = lambda_l kappa_l + (1 - lambda_l) mu} of an MTD process; with shared ancestry
 * between parents it is the nominal kernel only. For a node with one parent it is the CPT itself.
 * Compare with {@link #pairConditional(int, int)} (exact) to see how far the two drift.
 *
 * <p>Marginals {@code P(x_i)} are exact (variable elimination, see {@link VariableElimination}).
 * Node indices are the network's topological indices, the same as {@link BayesNet#toDag()}.
 * Arrays returned are fresh copies.
 */
public final class SlotKernels {

    private final BayesNet net;
    private final double[][] marginals;
    private final double[][][][] kernels; // [node][slot][s][s']

    private SlotKernels(BayesNet net, double[][] marginals, double[][][][] kernels) {
        this.net = net;
        this.marginals = marginals;
        this.kernels = kernels;
    }

    static SlotKernels of(BayesNet net) {
        int t = net.size();
        double[][] marg = net.marginals();
        int[] card = net.stateCounts();
        double[][][][] ker = new double[t][][][];
        for (int i = 0; i < t; i++) {
            int[] p = net.parents(i);
            double[][] cpt = net.rawCpts()[i];
            ker[i] = new double[p.length][][];
            for (int l = 0; l < p.length; l++) {
                double[][] k = new double[card[p[l]]][card[i]];
                int[] a = new int[p.length];
                for (int c = 0; c < cpt.length; c++) {
                    // a = parent states of configuration c (last parent fastest)
                    int rem = c;
                    for (int m = p.length - 1; m >= 0; m--) {
                        a[m] = rem % card[p[m]];
                        rem /= card[p[m]];
                    }
                    double w = 1;
                    for (int m = 0; m < p.length; m++) {
                        if (m != l) {
                            w *= marg[p[m]][a[m]];
                        }
                    }
                    for (int s = 0; s < card[i]; s++) {
                        k[a[l]][s] += w * cpt[c][s];
                    }
                }
                ker[i][l] = k;
            }
        }
        return new SlotKernels(net, marg, ker);
    }

    /** Number of nodes. */
    public int size() {
        return marginals.length;
    }

    /** Number of parent slots of node {@code i}. */
    public int slots(int i) {
        checkNode(i);
        return kernels[i].length;
    }

    /** The parent (node index) in slot {@code slot} of node {@code i}. */
    public int parent(int i, int slot) {
        checkSlot(i, slot);
        return net.parents(i)[slot];
    }

    /** Number of states of node {@code i}. */
    public int states(int i) {
        checkNode(i);
        return marginals[i].length;
    }

    /** Nominal kernel {@code Pi_slot(s' | s)} of node {@code i}: {@code [parent state][child state]}. */
    public double[][] kernel(int i, int slot) {
        checkSlot(i, slot);
        double[][] k = kernels[i][slot];
        double[][] c = new double[k.length][];
        for (int s = 0; s < k.length; s++) {
            c[s] = k[s].clone();
        }
        return c;
    }

    /** Exact marginal {@code P(x_i)}. */
    public double[] marginal(int i) {
        checkNode(i);
        return marginals[i].clone();
    }

    /**
     * Exact {@code P(x_i = s' | x_j = s)} as {@code [s][s']}; see {@link BayesNet#conditional}.
     *
     * @throws IllegalStateException if the network is too densely connected for exact inference
     */
    public double[][] pairConditional(int j, int i) {
        return net.conditional(j, i);
    }

    private void checkNode(int i) {
        if (i < 0 || i >= marginals.length) {
            throw new IllegalArgumentException("node " + i + " out of range 0.." + (marginals.length - 1));
        }
    }

    private void checkSlot(int i, int slot) {
        checkNode(i);
        if (slot < 0 || slot >= kernels[i].length) {
            throw new IllegalArgumentException("slot " + slot + " of node " + i + " out of range; node " + i
                    + " has " + kernels[i].length + " parent slot(s)");
        }
    }
}
