package org.causalheads.bn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.causalheads.dag.Dag;
import org.causalheads.numeric.Rng;

/**
 * An immutable discrete Bayesian network: variables with named states and one conditional
 * probability table (CPT) per variable.
 *
 * <h2>Indexing</h2>
 * Nodes are indexed {@code 0..T-1} in a <em>topological order</em> (every parent before its
 * child), the same indexing as {@link #toDag()}, {@link #sample}, {@link #marginal} and
 * {@link #slotKernels()}. The order is the stable one: among the nodes whose parents are all
 * placed, the one declared first (in the file or builder) comes next; so a network declared in a
 * topological order keeps its declaration order. {@link #declarationIndex(int)} maps back.
 *
 * <p>The parents of node {@code i} are kept in the order written ({@code probability ( X | A, B )}
 * gives slots {@code A} = 0, {@code B} = 1). The CPT of node {@code i} is {@code cpt(i)[c][s]} =
 * {@code P(x_i = s | parents in configuration c)}, where configuration {@code c} is the mixed-radix
 * number of the parents' states with the <em>last</em> parent varying fastest (the order of rows in
 * a BIF file: {@code (a1, b1), (a1, b2), ..., (a2, b1), ...}).
 *
 * <h2>Validation</h2>
 * Every CPT row must be non-negative and sum to 1 within {@link #SUM_TOLERANCE} (absolute); rows
 * off by more than {@code 1e-9} but within the tolerance are renormalised. Rows off by more than
 * the tolerance are rejected, as are unknown parents, missing tables and cycles.
 */
public final class BayesNet {

    /** Largest allowed |row sum - 1| of a CPT row: {@value}. Published tables are rounded to a few digits. */
    public static final double SUM_TOLERANCE = 1e-3;

    /** Rows closer than this to summing to 1 are kept as written (so reading is idempotent). */
    static final double RENORMALISE_ABOVE = 1e-9;

    private final String name;
    private final List<Variable> variables;
    private final int[][] parents;
    private final double[][][] cpt;
    private final int[] declared;
    private final List<String> properties;
    private final List<List<String>> variableProperties;
    private final Map<String, Integer> index;

    BayesNet(String name, List<Variable> variables, int[][] parents, double[][][] cpt, int[] declared,
                     List<String> properties, List<List<String>> variableProperties) {
        this.name = name;
        this.variables = variables;
        this.parents = parents;
        this.cpt = cpt;
        this.declared = declared;
        this.properties = properties;
        this.variableProperties = variableProperties;
        this.index = new HashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            index.put(variables.get(i).name(), i);
        }
    }

    /** A builder for a network called {@code name} (see {@link BayesNetBuilder}). */
    public static BayesNetBuilder builder(String name) {
        return new BayesNetBuilder(name);
    }

    // ---------------------------------------------------------------- structure

    /** Network name (BIF {@code network NAME { }}). */
    public String name() {
        return name;
    }

    /** Number of nodes {@code T}. */
    public int size() {
        return variables.size();
    }

    /** The variables in topological order. */
    public List<Variable> variables() {
        return variables;
    }

    /** Variable of node {@code i}. */
    public Variable variable(int i) {
        checkNode(i);
        return variables.get(i);
    }

    /** Node names in topological order. */
    public List<String> names() {
        return variables.stream().map(Variable::name).toList();
    }

    /** Number of states of every node, in topological order. */
    public int[] stateCounts() {
        return variables.stream().mapToInt(Variable::size).toArray();
    }

    /** Node index of the variable called {@code name}. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no variable '" + name + "' in network '" + this.name
                    + "'; variables are " + names());
        }
        return i;
    }

    /** Ordered parent slots of node {@code i} (a fresh copy). */
    public int[] parents(int i) {
        checkNode(i);
        return parents[i].clone();
    }

    /** Position of node {@code i} in the declaration order (file or builder order). */
    public int declarationIndex(int i) {
        checkNode(i);
        return declared[i];
    }

    /** {@code order[d]} = node index of the {@code d}-th declared variable. */
    public int[] declarationOrder() {
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[declared[i]] = i;
        }
        return order;
    }

    /** Network-level properties as written (the text between {@code property} and {@code ;}). */
    public List<String> properties() {
        return properties;
    }

    /** Properties of the variable of node {@code i}. */
    public List<String> variableProperties(int i) {
        checkNode(i);
        return variableProperties.get(i);
    }

    /** The network's DAG: same node indices (topological), names, and parent slot order. */
    public Dag toDag() {
        return Dag.of(parents, names());
    }

    /** Number of edges. */
    public int edgeCount() {
        int c = 0;
        for (int[] p : parents) {
            c += p.length;
        }
        return c;
    }

    // ---------------------------------------------------------------- tables

    /** The CPT of node {@code i}: {@code [configuration][state]} (a deep copy); see the class doc. */
    public double[][] cpt(int i) {
        checkNode(i);
        double[][] c = new double[cpt[i].length][];
        for (int k = 0; k < c.length; k++) {
            c[k] = cpt[i][k].clone();
        }
        return c;
    }

    /** Number of parent configurations of node {@code i} (1 for a root). */
    public int configurations(int i) {
        checkNode(i);
        return cpt[i].length;
    }

    /** Configuration index of parent states given in slot order. */
    public int configuration(int i, int... parentStates) {
        checkNode(i);
        if (parentStates.length != parents[i].length) {
            throw new IllegalArgumentException("node " + i + " ('" + variables.get(i).name() + "') has "
                    + parents[i].length + " parents, got " + parentStates.length + " parent states");
        }
        int c = 0;
        for (int m = 0; m < parentStates.length; m++) {
            int card = variables.get(parents[i][m]).size();
            if (parentStates[m] < 0 || parentStates[m] >= card) {
                throw new IllegalArgumentException("state " + parentStates[m] + " of parent slot " + m
                        + " out of range 0.." + (card - 1));
            }
            c = c * card + parentStates[m];
        }
        return c;
    }

    /** {@code P(x_i = . | parents in the given states, slot order)} (a copy). */
    public double[] row(int i, int... parentStates) {
        return cpt[i][configuration(i, parentStates)].clone();
    }

    /** Whether every CPT entry is strictly positive (positivity; false for asia's logical OR node). */
    public boolean isPositive() {
        for (double[][] t : cpt) {
            for (double[] r : t) {
                for (double v : r) {
                    if (!(v > 0)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Nodes with a CPT row that puts all mass on one state (deterministic given that configuration). */
    public List<Integer> deterministicNodes() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            boolean det = false;
            for (double[] r : cpt[i]) {
                for (double v : r) {
                    det |= v == 1.0;
                }
            }
            if (det) {
                out.add(i);
            }
        }
        return out;
    }

    double[][][] rawCpts() {
        return cpt;
    }

    int[][] rawParents() {
        return parents;
    }

    // ---------------------------------------------------------------- sampling

    /**
     * {@code n} independent forward (ancestral) samples, {@code [sample][node]} with nodes in
     * topological order and values the state indices: each node's state is drawn from its CPT row
     * given its parents' states with {@link Rng#nextFromCumulative}. Reproducible for a given seed.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public int[][] sample(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("number of samples must be at least 1, got " + n);
        }
        int t = size();
        double[][][] cum = new double[t][][];
        int[][] strides = new int[t][];
        for (int i = 0; i < t; i++) {
            cum[i] = new double[cpt[i].length][];
            for (int c = 0; c < cpt[i].length; c++) {
                cum[i][c] = Rng.cumulative(cpt[i][c]);
            }
            int k = parents[i].length;
            strides[i] = new int[k];
            int stride = 1;
            for (int m = k - 1; m >= 0; m--) {
                strides[i][m] = stride;
                stride *= variables.get(parents[i][m]).size();
            }
        }
        Rng rng = new Rng(seed);
        int[][] x = new int[n][t];
        for (int r = 0; r < n; r++) {
            int[] xr = x[r];
            for (int i = 0; i < t; i++) {
                int[] p = parents[i];
                int[] st = strides[i];
                int c = 0;
                for (int m = 0; m < p.length; m++) {
                    c += xr[p[m]] * st[m];
                }
                xr[i] = rng.nextFromCumulative(cum[i][c]);
            }
        }
        return x;
    }

    // ---------------------------------------------------------------- exact inference

    /**
     * Exact marginal {@code P(x_i)} by variable elimination over the ancestors of {@code i}.
     *
     * @throws IllegalStateException if elimination would need a factor larger than
     *                               {@link VariableElimination#MAX_FACTOR_ENTRIES} entries
     */
    public double[] marginal(int i) {
        checkNode(i);
        return VariableElimination.joint(this, new int[] {i});
    }

    /** Exact marginals of all nodes ({@link #marginal(int)} for each). */
    public double[][] marginals() {
        double[][] m = new double[size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = marginal(i);
        }
        return m;
    }

    /**
     * Exact joint distribution of the given distinct nodes, flattened with the <em>last</em> node
     * varying fastest, by variable elimination (exact; cost grows with the network's tree width).
     *
     * @throws IllegalStateException if elimination would need a too large factor (see
     *                               {@link VariableElimination#MAX_FACTOR_ENTRIES})
     */
    public double[] joint(int... nodes) {
        Set<Integer> seen = new HashSet<>();
        for (int v : nodes) {
            checkNode(v);
            if (!seen.add(v)) {
                throw new IllegalArgumentException("node " + v + " listed twice in " + Arrays.toString(nodes));
            }
        }
        if (nodes.length == 0) {
            throw new IllegalArgumentException("joint needs at least one node");
        }
        return VariableElimination.joint(this, nodes.clone());
    }

    /**
     * Exact pairwise conditional {@code C[s][s'] = P(x_i = s' | x_j = s)} for {@code j != i}
     * (either order in the topological order), an {@code S_j x S_i} row-stochastic matrix. A row
     * for a state {@code s} with {@code P(x_j = s) = 0} is undefined and is filled with the
     * uniform distribution (its weight in any joint {@code P(x_j) C} is zero).
     *
     * @throws IllegalStateException if exact inference would need a too large factor
     */
    public double[][] conditional(int j, int i) {
        checkNode(j);
        checkNode(i);
        if (i == j) {
            throw new IllegalArgumentException("conditional needs two different nodes, got " + j + " twice");
        }
        double[] pj = joint(j, i);
        int sj = variables.get(j).size();
        int si = variables.get(i).size();
        double[][] c = new double[sj][si];
        for (int s = 0; s < sj; s++) {
            double tot = 0;
            for (int u = 0; u < si; u++) {
                tot += pj[s * si + u];
            }
            for (int u = 0; u < si; u++) {
                c[s][u] = tot > 0 ? pj[s * si + u] / tot : 1.0 / si;
            }
        }
        return c;
    }

    /**
     * Per-slot marginal kernels and node marginals for KG-MI on this network (this project's
     * extension, see {@link SlotKernels}).
     */
    public SlotKernels slotKernels() {
        return SlotKernels.of(this);
    }

    // ---------------------------------------------------------------- comparison

    /**
     * Whether {@code other} has the same variables (names, states) in the same node order, the
     * same parent slots and CPT entries within {@code tol}; name, properties and declaration order
     * are ignored.
     */
    public boolean isEquivalent(BayesNet other, double tol) {
        if (other.size() != size() || !other.variables.equals(variables)
                || !Arrays.deepEquals(other.parents, parents)) {
            return false;
        }
        for (int i = 0; i < cpt.length; i++) {
            for (int c = 0; c < cpt[i].length; c++) {
                for (int s = 0; s < cpt[i][c].length; s++) {
                    if (Math.abs(cpt[i][c][s] - other.cpt[i][c][s]) > tol) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BayesNet b && b.name.equals(name) && b.variables.equals(variables)
                && Arrays.deepEquals(b.parents, parents) && Arrays.deepEquals(b.cpt, cpt)
                && Arrays.equals(b.declared, declared) && b.properties.equals(properties)
                && b.variableProperties.equals(variableProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, variables, Arrays.deepHashCode(parents), Arrays.deepHashCode(cpt));
    }

    @Override
    public String toString() {
        return "BayesNet[" + name + ": " + size() + " nodes, " + edgeCount() + " edges]";
    }

    private void checkNode(int i) {
        if (i < 0 || i >= variables.size()) {
            throw new IllegalArgumentException("node " + i + " out of range 0.." + (variables.size() - 1)
                    + " in network '" + name + "'");
        }
    }
}
