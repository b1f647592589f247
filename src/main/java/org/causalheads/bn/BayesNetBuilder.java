package org.causalheads.bn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects variables (in declaration order) and their tables; {@link #build()} validates and
 * orders them into a {@link BayesNet}. Tables may be given before or after the variables they
 * mention. This class is the one place a network is validated: {@link BifReader} only checks the
 * syntax and hands every name, row and position over.
 *
 * <h2>Checks</h2>
 * Unknown variables and parents, a variable listed as its own parent or twice as a parent, a
 * second table for a variable, a missing table, a table whose size does not match the parents'
 * configurations, rows of the wrong length, negative or non-finite entries, a row not summing to 1
 * within {@link BayesNet#SUM_TOLERANCE}, a cycle. Sizes are checked before anything is allocated:
 * a table of {@code S x prod(parent states)} entries is computed in {@code long} with overflow
 * checks and must not exceed {@link #maxCptEntries(long)} (default {@value #DEFAULT_MAX_CPT_ENTRIES}),
 * so a hostile file cannot make the reader allocate gigabytes. A {@code -0} entry is stored as
 * {@code 0}, so writing and reading a network gives an equal network.
 */
public final class BayesNetBuilder {

    /**
     * Default cap on the entries (states x parent configurations) of one CPT: {@value}, about
     * 32 MB of doubles; the largest bnlearn networks stay far below (link: 2 x 10^4 per table).
     */
    public static final long DEFAULT_MAX_CPT_ENTRIES = 4_000_000L;

    private final String name;
    private final Loc nameLoc;
    private long maxCptEntries = DEFAULT_MAX_CPT_ENTRIES;
    private final List<String> properties = new ArrayList<>();
    private final LinkedHashMap<String, Variable> vars = new LinkedHashMap<>();
    private final Map<String, List<String>> varProps = new HashMap<>();
    private final Map<String, Loc> varLocs = new HashMap<>();
    private final Map<String, Table> tables = new LinkedHashMap<>();

    /** Where a table's entries come from. */
    private sealed interface Source permits Dense, Flat, Listed {
    }

    /** One row per configuration, in configuration order. */
    private record Dense(double[][] rows, Loc[] rowLocs) implements Source {
    }

    /** BIF {@code table}: all entries of the first child state, then the second, ... */
    private record Flat(double[] values, Loc loc) implements Source {
    }

    /** BIF rows named by parent states, any order, with an optional default row. */
    private record Listed(List<StateRow> rows, double[] dflt, Loc dfltLoc) implements Source {
    }

    /** A row named by its parent states, with the places of the states and of the row. */
    record StateRow(List<String> states, List<Loc> stateLocs, double[] values, Loc loc) {
    }

    private record Table(List<String> parents, List<Loc> parentLocs, Source source, Loc loc) {
    }

    BayesNetBuilder(String name) {
        this(name, null);
    }

    BayesNetBuilder(String name, Loc nameLoc) {
        this.nameLoc = nameLoc;
        if (name == null || name.isBlank() || name.contains("\"") || name.contains("\n")) {
            throw fail(nameLoc, "network name must be a non-blank single line without '\"', got "
                    + (name == null ? null : "\"" + name + "\""));
        }
        this.name = name;
    }

    /**
     * Largest number of entries (states x parent configurations) allowed in one CPT; a larger
     * table is rejected before it is allocated.
     *
     * @throws IllegalArgumentException if {@code cap < 1}
     */
    public BayesNetBuilder maxCptEntries(long cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("maximum CPT entries " + cap + "; expected at least 1");
        }
        this.maxCptEntries = cap;
        return this;
    }

    /** Adds a network property (text between {@code property} and {@code ;}). */
    public BayesNetBuilder property(String text) {
        return property(text, null);
    }

    BayesNetBuilder property(String text, Loc loc) {
        properties.add(checkProperty(text, loc));
        return this;
    }

    /** Declares a variable with its states. */
    public BayesNetBuilder variable(String name, String... states) {
        return variable(name, List.of(states));
    }

    /** Declares a variable with its states. */
    public BayesNetBuilder variable(String name, List<String> states) {
        return variable(new Variable(name, states), null);
    }

    BayesNetBuilder variable(Variable v, Loc loc) {
        if (vars.containsKey(v.name())) {
            Loc first = varLocs.get(v.name());
            throw fail(loc, "variable '" + v.name() + "' declared twice"
                    + (first == null ? "" : " (first at line " + first.line() + ")"));
        }
        vars.put(v.name(), v);
        varLocs.put(v.name(), loc);
        return this;
    }

    /** Adds a property to a declared variable. */
    public BayesNetBuilder variableProperty(String variable, String text) {
        return variableProperty(variable, text, null);
    }

    BayesNetBuilder variableProperty(String variable, String text, Loc loc) {
        if (!vars.containsKey(variable)) {
            throw fail(loc, "no variable '" + variable + "' declared yet");
        }
        varProps.computeIfAbsent(variable, k -> new ArrayList<>()).add(checkProperty(text, loc));
        return this;
    }

    /** The table of a root: {@code P(x = s)} for each state. */
    public BayesNetBuilder root(String variable, double... probabilities) {
        return cpt(variable, List.of(), new double[][] {probabilities.clone()});
    }

    /**
     * The CPT of {@code child} given {@code parents} (slot order): {@code rows[c][s]}, one row
     * per parent configuration, last parent varying fastest.
     */
    public BayesNetBuilder cpt(String child, List<String> parents, double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int c = 0; c < rows.length; c++) {
            copy[c] = rows[c].clone();
        }
        return table(child, parents, null, new Dense(copy, null), null);
    }

    /** A BIF {@code table}: child state slowest, then the parent configurations in row order. */
    BayesNetBuilder flatTable(String child, List<String> parents, List<Loc> parentLocs, double[] values, Loc valuesLoc,
                              Loc loc) {
        return table(child, parents, parentLocs, new Flat(values, valuesLoc), loc);
    }

    /** BIF rows named by parent states, with an optional {@code default} row ({@code dflt} may be null). */
    BayesNetBuilder listedRows(String child, List<String> parents, List<Loc> parentLocs, List<StateRow> rows,
                               double[] dflt, Loc dfltLoc, Loc loc) {
        return table(child, parents, parentLocs, new Listed(List.copyOf(rows), dflt, dfltLoc), loc);
    }

    private BayesNetBuilder table(String child, List<String> parents, List<Loc> parentLocs, Source src, Loc loc) {
        Table prev = tables.get(child);
        if (prev != null) {
            throw fail(loc, "second probability table for variable '" + child + "'"
                    + (prev.loc == null ? "" : " (the first is at line " + prev.loc.line() + ")"));
        }
        tables.put(child, new Table(List.copyOf(parents), parentLocs, src, loc));
        return this;
    }

    /**
     * Validates and builds the network.
     *
     * @throws IllegalArgumentException (a {@link BifFormatException} when read from text) for
     *                                  unknown variables, missing tables, bad rows, a too large
     *                                  table or a cycle
     */
    public BayesNet build() {
        if (vars.isEmpty()) {
            throw fail(nameLoc, "network '" + name + "' has no variables; expected at least one "
                    + "'variable NAME { type discrete [ k ] { ... }; }' block");
        }
        List<String> declOrder = new ArrayList<>(vars.keySet());
        Map<String, Integer> decl = new HashMap<>();
        for (int d = 0; d < declOrder.size(); d++) {
            decl.put(declOrder.get(d), d);
        }
        for (Map.Entry<String, Table> e : tables.entrySet()) {
            if (!vars.containsKey(e.getKey())) {
                throw fail(e.getValue().loc, "probability table for unknown variable '" + e.getKey()
                        + "'; declared variables are " + abbreviate(declOrder));
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
            long configs = 1;
            Set<String> seen = new HashSet<>();
            for (int m = 0; m < tab.parents.size(); m++) {
                String p = tab.parents.get(m);
                Loc pl = tab.parentLocs != null ? tab.parentLocs.get(m) : tab.loc;
                Integer pd = decl.get(p);
                if (pd == null) {
                    throw fail(pl, "unknown parent variable '" + p + "' of '" + v
                            + "'; declared variables are " + abbreviate(declOrder));
                }
                if (p.equals(v)) {
                    throw fail(pl, "variable '" + v + "' listed as its own parent");
                }
                if (!seen.add(p)) {
                    throw fail(pl, "parent '" + p + "' listed twice for '" + v + "'");
                }
                par[d][m] = pd;
                configs = cappedProduct(configs, vars.get(p).size(), v, tab.loc);
            }
            int states = vars.get(v).size();
            cappedProduct(configs, states, v, tab.loc);
            rows[d] = resolve(v, tab, (int) configs, states);
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

    /** {@code a * b}, refused (before any allocation) if it overflows or exceeds the entry cap. */
    private long cappedProduct(long a, long b, String v, Loc loc) {
        long p;
        try {
            p = Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            p = Long.MAX_VALUE;
        }
        if (p > maxCptEntries) {
            throw fail(loc, "the table of '" + v + "' would have more than " + maxCptEntries
                    + " entries (states x parent configurations); expected at most " + maxCptEntries
                    + " (raise the cap with maxCptEntries)");
        }
        return p;
    }

    /** The rows of {@code v}'s table, one per configuration, checked. */
    private double[][] resolve(String v, Table tab, int configs, int states) {
        double[][] out = new double[configs][];
        Loc[] locs = new Loc[configs];
        if (tab.source instanceof Dense dn) {
            if (dn.rows.length != configs) {
                throw fail(tab.loc, "table of '" + v + "' has " + dn.rows.length + " rows, expected "
                        + configs + " (one per configuration of its parents " + tab.parents + ")");
            }
            for (int c = 0; c < configs; c++) {
                out[c] = dn.rows[c];
                locs[c] = dn.rowLocs != null ? dn.rowLocs[c] : tab.loc;
            }
        } else if (tab.source instanceof Flat fl) {
            if (fl.values.length != (long) configs * states) {
                throw fail(fl.loc, "table of '" + v + "' has " + fl.values.length + " values, expected "
                        + (long) configs * states + " (" + states + " states x " + configs
                        + " parent configurations)");
            }
            for (int c = 0; c < configs; c++) {
                out[c] = new double[states];
                for (int s = 0; s < states; s++) {
                    out[c][s] = fl.values[s * configs + c]; // child state slowest
                }
                locs[c] = fl.loc;
            }
        } else if (tab.source instanceof Listed ls) {
            if (tab.parents.isEmpty()) {
                Loc at = ls.rows.isEmpty() ? (ls.dfltLoc != null ? ls.dfltLoc : tab.loc) : ls.rows.get(0).loc;
                throw fail(at, "root variable '" + v + "' needs 'table p1, p2, ...;'");
            }
            for (StateRow r : ls.rows) {
                if (r.states.size() != tab.parents.size()) {
                    throw fail(r.loc, "row of '" + v + "' names " + r.states.size() + " parent states, expected "
                            + tab.parents.size() + " (one for each of " + tab.parents + ")");
                }
                int cf = 0;
                for (int m = 0; m < r.states.size(); m++) {
                    List<String> ps = vars.get(tab.parents.get(m)).states();
                    int k = ps.indexOf(r.states.get(m));
                    if (k < 0) {
                        throw fail(r.stateLocs.get(m), "unknown state '" + r.states.get(m) + "' of parent '"
                                + tab.parents.get(m) + "'; its states are " + abbreviate(ps));
                    }
                    cf = cf * ps.size() + k;
                }
                if (out[cf] != null) {
                    throw fail(r.loc, "row for parent configuration (" + String.join(", ", r.states)
                            + ") of '" + v + "' given twice (first at line " + locs[cf].line() + ")");
                }
                out[cf] = r.values;
                locs[cf] = r.loc;
            }
            for (int c = 0; c < configs; c++) {
                if (out[c] == null) {
                    if (ls.dflt == null) {
                        throw fail(tab.loc, "probability block of '" + v + "' has no row for parent configuration "
                                + describe(c, tab.parents).substring(4) + " and no 'default' row");
                    }
                    out[c] = ls.dflt.clone();
                    locs[c] = ls.dfltLoc;
                }
            }
        }
        for (int c = 0; c < configs; c++) {
            out[c] = checkRow(out[c], states, v, describe(c, tab.parents), locs[c] != null ? locs[c] : tab.loc);
        }
        return out;
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
                    + " values, expected " + states + " (one per state of '" + v + "')");
        }
        double sum = 0;
        for (double p : row) {
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw fail(loc, config + " of '" + v + "' has entry " + p
                        + ", expected a probability in [0, 1]");
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > BayesNet.SUM_TOLERANCE) {
            throw fail(loc, config + " of '" + v + "' sums to "
                    + String.format(java.util.Locale.ROOT, "%.6f", sum)
                    + ", expected 1 within " + BayesNet.SUM_TOLERANCE);
        }
        double[] r = new double[states];
        boolean renormalise = Math.abs(sum - 1) > BayesNet.RENORMALISE_ABOVE;
        for (int s = 0; s < states; s++) {
            r[s] = (renormalise ? row[s] / sum : row[s]) + 0.0; // + 0.0 turns -0 into 0
        }
        return r;
    }

    private static String checkProperty(String text, Loc loc) {
        if (text == null || text.contains(";") || text.contains("}") || text.contains("//")
                || text.contains("/*")) {
            throw fail(loc, "property text must not be null or contain ';', '}' or a comment opener, got "
                    + (text == null ? null : "'" + text + "'"));
        }
        return text.strip();
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 20 ? names.toString()
                : names.subList(0, 20).toString().replace("]", ", ... (" + names.size() + " in all)]");
    }

    static IllegalArgumentException fail(Loc loc, String msg) {
        return loc == null ? new IllegalArgumentException(msg)
                : new BifFormatException(loc.line(), loc.column(), msg);
    }
}
