package org.causalheads.bn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import org.causalheads.dag.Dag;

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

    private BayesNet(String name, List<Variable> variables, int[][] parents, double[][][] cpt, int[] declared,
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

    /** A builder for a network called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
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
     * topological order and values the state indices. Reproducible for a given seed
     * ({@link SplittableRandom}).
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
                double[] row = cpt[i][c];
                double[] cu = new double[row.length];
                double acc = 0;
                for (int s = 0; s < row.length; s++) {
                    acc += row[s];
                    cu[s] = acc;
                }
                cu[row.length - 1] = Double.POSITIVE_INFINITY; // guards against rounding at the top
                cum[i][c] = cu;
            }
            int k = parents[i].length;
            strides[i] = new int[k];
            int stride = 1;
            for (int m = k - 1; m >= 0; m--) {
                strides[i][m] = stride;
                stride *= variables.get(parents[i][m]).size();
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
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
                double[] cu = cum[i][c];
                double u = rng.nextDouble();
                int s = 0;
                while (u >= cu[s]) {
                    s++;
                }
                xr[i] = s;
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

    // ---------------------------------------------------------------- builder

    /** A place in a BIF text, for error messages. */
    record Loc(int line, int column) {
    }

    /**
     * Collects variables (in declaration order) and their tables; {@link #build()} validates and
     * orders them. Tables may be given before or after the variables they mention.
     */
    public static final class Builder {
        private final String name;
        private final List<String> properties = new ArrayList<>();
        private final LinkedHashMap<String, Variable> vars = new LinkedHashMap<>();
        private final Map<String, List<String>> varProps = new HashMap<>();
        private final Map<String, Loc> varLocs = new HashMap<>();
        private final Map<String, Table> tables = new LinkedHashMap<>();

        private record Table(List<String> parents, double[][] rows, Loc loc, Loc[] rowLocs) {
        }

        private Builder(String name) {
            if (name == null || name.isBlank() || name.contains("\"") || name.contains("\n")) {
                throw new IllegalArgumentException("network name must be a non-blank single line without '\"', got "
                        + name);
            }
            this.name = name;
        }

        /** Adds a network property (text between {@code property} and {@code ;}). */
        public Builder property(String text) {
            properties.add(checkProperty(text));
            return this;
        }

        /** Declares a variable with its states. */
        public Builder variable(String name, String... states) {
            return variable(name, List.of(states));
        }

        /** Declares a variable with its states. */
        public Builder variable(String name, List<String> states) {
            return variable(new Variable(name, states), null);
        }

        Builder variable(Variable v, Loc loc) {
            if (vars.containsKey(v.name())) {
                throw fail(loc, "variable '" + v.name() + "' declared twice");
            }
            vars.put(v.name(), v);
            varLocs.put(v.name(), loc);
            return this;
        }

        /** Adds a property to a declared variable. */
        public Builder variableProperty(String variable, String text) {
            if (!vars.containsKey(variable)) {
                throw new IllegalArgumentException("no variable '" + variable + "' declared yet");
            }
            varProps.computeIfAbsent(variable, k -> new ArrayList<>()).add(checkProperty(text));
            return this;
        }

        /** The table of a root: {@code P(x = s)} for each state. */
        public Builder root(String variable, double... probabilities) {
            return cpt(variable, List.of(), new double[][] {probabilities.clone()});
        }

        /**
         * The CPT of {@code child} given {@code parents} (slot order): {@code rows[c][s]}, one row
         * per parent configuration, last parent varying fastest.
         */
        public Builder cpt(String child, List<String> parents, double[][] rows) {
            return cpt(child, parents, rows, null, null);
        }

        Builder cpt(String child, List<String> parents, double[][] rows, Loc loc, Loc[] rowLocs) {
            if (tables.containsKey(child)) {
                throw fail(loc, "second probability table for variable '" + child + "'");
            }
            double[][] copy = new double[rows.length][];
            for (int c = 0; c < rows.length; c++) {
                copy[c] = rows[c].clone();
            }
            tables.put(child, new Table(List.copyOf(parents), copy, loc, rowLocs));
            return this;
        }

        /**
         * Validates and builds the network.
         *
         * @throws IllegalArgumentException (a {@link BifFormatException} when read from text) for
         *                                  unknown variables, missing tables, bad rows or a cycle
         */
        public BayesNet build() {
            if (vars.isEmpty()) {
                throw new IllegalArgumentException("network '" + name + "' has no variables");
            }
            List<String> declOrder = new ArrayList<>(vars.keySet());
            Map<String, Integer> decl = new HashMap<>();
            for (int d = 0; d < declOrder.size(); d++) {
                decl.put(declOrder.get(d), d);
            }
            for (Map.Entry<String, Table> e : tables.entrySet()) {
                if (!vars.containsKey(e.getKey())) {
                    throw fail(e.getValue().loc, "probability table for unknown variable '" + e.getKey()
                            + "'; declared variables are " + declOrder);
                }
            }
            int t = declOrder.size();
            int[][] par = new int[t][];
            double[][][] rows = new double[t][][];
            for (int d = 0; d < t; d++) {
                String v = declOrder.get(d);
                Table tab = tables.get(v);
                if (tab == null) {
                    throw fail(varLocs.get(v), "variable '" + v + "' has no probability table");
                }
                par[d] = new int[tab.parents.size()];
                int configs = 1;
                Set<String> seen = new HashSet<>();
                for (int m = 0; m < tab.parents.size(); m++) {
                    String p = tab.parents.get(m);
                    Integer pd = decl.get(p);
                    if (pd == null) {
                        throw fail(tab.loc, "unknown parent variable '" + p + "' of '" + v
                                + "'; declared variables are " + declOrder);
                    }
                    if (p.equals(v)) {
                        throw fail(tab.loc, "variable '" + v + "' listed as its own parent");
                    }
                    if (!seen.add(p)) {
                        throw fail(tab.loc, "parent '" + p + "' listed twice for '" + v + "'");
                    }
                    par[d][m] = pd;
                    configs *= vars.get(p).size();
                }
                int states = vars.get(v).size();
                if (tab.rows.length != configs) {
                    throw fail(tab.loc, "table of '" + v + "' has " + tab.rows.length + " rows, expected "
                            + configs + " (one per configuration of its parents " + tab.parents + ")");
                }
                for (int c = 0; c < configs; c++) {
                    Loc rl = tab.rowLocs != null && tab.rowLocs[c] != null ? tab.rowLocs[c] : tab.loc;
                    tab.rows[c] = checkRow(tab.rows[c], states, v, describe(c, tab.parents), rl);
                }
                rows[d] = tab.rows;
            }
            // stable topological order: the earliest-declared ready node first
            int[] topo = new int[t];
            int[] pos = new int[t];
            Arrays.fill(pos, -1);
            for (int k = 0; k < t; k++) {
                int pick = -1;
                for (int d = 0; d < t && pick < 0; d++) {
                    if (pos[d] >= 0) {
                        continue;
                    }
                    boolean ready = true;
                    for (int p : par[d]) {
                        ready &= pos[p] >= 0;
                    }
                    if (ready) {
                        pick = d;
                    }
                }
                if (pick < 0) {
                    throw cycleError(declOrder, par, pos);
                }
                pos[pick] = k;
                topo[k] = pick;
            }
            List<Variable> vlist = new ArrayList<>(t);
            int[][] parents = new int[t][];
            double[][][] cpts = new double[t][][];
            int[] declared = new int[t];
            List<List<String>> vprops = new ArrayList<>(t);
            for (int k = 0; k < t; k++) {
                int d = topo[k];
                String v = declOrder.get(d);
                vlist.add(vars.get(v));
                parents[k] = new int[par[d].length];
                for (int m = 0; m < par[d].length; m++) {
                    parents[k][m] = pos[par[d][m]];
                }
                cpts[k] = rows[d];
                declared[k] = d;
                vprops.add(List.copyOf(varProps.getOrDefault(v, List.of())));
            }
            return new BayesNet(name, List.copyOf(vlist), parents, cpts, declared, List.copyOf(properties),
                    List.copyOf(vprops));
        }

        private IllegalArgumentException cycleError(List<String> declOrder, int[][] par, int[] pos) {
            // walk parent links among unplaced nodes until a node repeats: that is a cycle
            int start = -1;
            for (int d = 0; d < pos.length && start < 0; d++) {
                if (pos[d] < 0) {
                    start = d;
                }
            }
            List<Integer> path = new ArrayList<>();
            int cur = start;
            while (!path.contains(cur)) {
                path.add(cur);
                int next = -1;
                for (int p : par[cur]) {
                    if (pos[p] < 0) {
                        next = p;
                        break;
                    }
                }
                cur = next;
            }
            List<Integer> cyc = path.subList(path.indexOf(cur), path.size());
            StringBuilder sb = new StringBuilder();
            for (int k = cyc.size() - 1; k >= 0; k--) {
                sb.append(declOrder.get(cyc.get(k))).append(" -> ");
            }
            sb.append(declOrder.get(cyc.get(cyc.size() - 1)));
            String first = declOrder.get(cyc.get(0));
            return fail(tables.get(first).loc, "the parent lists form a cycle: " + sb
                    + " (a Bayesian network must be acyclic)");
        }

        /** "row (a1, b2)" for configuration c of the given parents, or "table" for a root. */
        private String describe(int c, List<String> parents) {
            if (parents.isEmpty()) {
                return "table";
            }
            String[] st = new String[parents.size()];
            for (int m = parents.size() - 1; m >= 0; m--) {
                List<String> ps = vars.get(parents.get(m)).states();
                st[m] = ps.get(c % ps.size());
                c /= ps.size();
            }
            return "row (" + String.join(", ", st) + ")";
        }

        private static double[] checkRow(double[] row, int states, String v, String config, Loc loc) {
            if (row.length != states) {
                throw fail(loc, config + " of '" + v + "' has " + row.length
                        + " values, expected " + states + " (one per state)");
            }
            double sum = 0;
            for (double p : row) {
                if (!(p >= 0) || Double.isInfinite(p)) {
                    throw fail(loc, config + " of '" + v + "' has entry " + p
                            + ", expected a probability in [0, 1]");
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw fail(loc, config + " of '" + v + "' sums to "
                        + String.format(java.util.Locale.ROOT, "%.6f", sum)
                        + ", expected 1 within " + SUM_TOLERANCE);
            }
            if (Math.abs(sum - 1) > RENORMALISE_ABOVE) {
                double[] r = new double[states];
                for (int s = 0; s < states; s++) {
                    r[s] = row[s] / sum;
                }
                return r;
            }
            return row;
        }

        private static String checkProperty(String text) {
            if (text == null || text.contains(";") || text.contains("}") || text.contains("//")
                    || text.contains("/*")) {
                throw new IllegalArgumentException("property text must not be null or contain ';', '}' "
                        + "or a comment opener, got " + text);
            }
            return text.strip();
        }

        static IllegalArgumentException fail(Loc loc, String msg) {
            return loc == null ? new IllegalArgumentException(msg)
                    : new BifFormatException(loc.line(), loc.column(), msg);
        }
    }
}
