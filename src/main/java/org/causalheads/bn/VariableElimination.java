package org.causalheads.bn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact joint marginals of a few nodes by variable elimination.
 *
 * <p>Only the query nodes and their ancestors matter (the other CPTs sum out to 1). Their CPTs are
 * the factors; non-query variables are summed out one at a time, each time picking the variable
 * whose product factor is smallest (greedy min-size order). The result is exact up to rounding. The
 * cost is exponential in the induced width: elimination refuses to build a factor of more than
 * {@link #MAX_FACTOR_ENTRIES} entries and throws {@link IllegalStateException} saying so.
 */
public final class VariableElimination {

    /** Largest factor built during elimination: {@value} entries (32 MB of doubles). */
    public static final int MAX_FACTOR_ENTRIES = 1 << 22;

    private VariableElimination() {
    }

    /** A table over variables {@code vars} (cardinalities {@code card}), last variable fastest. */
    private record Factor(int[] vars, int[] card, double[] values) {

        int indexOf(int v) {
            for (int k = 0; k < vars.length; k++) {
                if (vars[k] == v) {
                    return k;
                }
            }
            return -1;
        }

        Factor multiply(Factor g) {
            int[] uv = union(vars, g.vars);
            int[] uc = new int[uv.length];
            long size = 1;
            for (int k = 0; k < uv.length; k++) {
                int a = indexOf(uv[k]);
                uc[k] = a >= 0 ? card[a] : g.card[g.indexOf(uv[k])];
                size *= uc[k];
            }
            checkSize(size, uv);
            int[] sf = stridesIn(uv, this);
            int[] sg = stridesIn(uv, g);
            double[] out = new double[(int) size];
            int[] a = new int[uv.length];
            int fi = 0;
            int gi = 0;
            for (int idx = 0; idx < out.length; idx++) {
                out[idx] = values[fi] * g.values[gi];
                for (int k = uv.length - 1; k >= 0; k--) {
                    a[k]++;
                    fi += sf[k];
                    gi += sg[k];
                    if (a[k] < uc[k]) {
                        break;
                    }
                    fi -= sf[k] * uc[k];
                    gi -= sg[k] * uc[k];
                    a[k] = 0;
                }
            }
            return new Factor(uv, uc, out);
        }

        Factor sumOut(int v) {
            int pos = indexOf(v);
            int[] nv = new int[vars.length - 1];
            int[] nc = new int[vars.length - 1];
            for (int k = 0, j = 0; k < vars.length; k++) {
                if (k != pos) {
                    nv[j] = vars[k];
                    nc[j++] = card[k];
                }
            }
            int inner = 1;
            for (int k = pos + 1; k < vars.length; k++) {
                inner *= card[k];
            }
            int outer = values.length / (inner * card[pos]);
            double[] out = new double[outer * inner];
            for (int o = 0; o < outer; o++) {
                for (int s = 0; s < card[pos]; s++) {
                    int base = (o * card[pos] + s) * inner;
                    for (int in = 0; in < inner; in++) {
                        out[o * inner + in] += values[base + in];
                    }
                }
            }
            return new Factor(nv, nc, out);
        }

        /** Values rearranged to the variable order {@code order} (a permutation of vars). */
        double[] valuesIn(int[] order) {
            int[] oc = new int[order.length];
            for (int k = 0; k < order.length; k++) {
                oc[k] = card[indexOf(order[k])];
            }
            int[] st = stridesIn(order, this);
            double[] out = new double[values.length];
            int[] a = new int[order.length];
            int fi = 0;
            for (int idx = 0; idx < out.length; idx++) {
                out[idx] = values[fi];
                for (int k = order.length - 1; k >= 0; k--) {
                    a[k]++;
                    fi += st[k];
                    if (a[k] < oc[k]) {
                        break;
                    }
                    fi -= st[k] * oc[k];
                    a[k] = 0;
                }
            }
            return out;
        }
    }

    /** Strides in factor {@code f} of each variable of {@code order} (0 if f lacks it). */
    private static int[] stridesIn(int[] order, Factor f) {
        int[] own = new int[f.vars.length];
        int s = 1;
        for (int k = f.vars.length - 1; k >= 0; k--) {
            own[k] = s;
            s *= f.card[k];
        }
        int[] st = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            int a = f.indexOf(order[k]);
            st[k] = a >= 0 ? own[a] : 0;
        }
        return st;
    }

    private static int[] union(int[] a, int[] b) {
        int[] u = Arrays.copyOf(a, a.length + b.length);
        int n = a.length;
        for (int v : b) {
            boolean found = false;
            for (int k = 0; k < a.length; k++) {
                found |= a[k] == v;
            }
            if (!found) {
                u[n++] = v;
            }
        }
        return Arrays.copyOf(u, n);
    }

    private static void checkSize(long size, int[] vars) {
        if (size > MAX_FACTOR_ENTRIES) {
            throw new IllegalStateException("exact inference by variable elimination would need a factor of "
                    + size + " entries over nodes " + Arrays.toString(vars) + " (limit " + MAX_FACTOR_ENTRIES
                    + "); this network is too densely connected for exact pairwise tables");
        }
    }

    /** Joint of the distinct nodes {@code query}, flattened with the last query node fastest. */
    static double[] joint(BayesNet net, int[] query) {
        int t = net.size();
        boolean[] relevant = new boolean[t];
        int[][] parents = net.rawParents();
        for (int q : query) {
            relevant[q] = true;
        }
        for (int i = t - 1; i >= 0; i--) { // topological indices: ancestors come earlier
            if (relevant[i]) {
                for (int p : parents[i]) {
                    relevant[p] = true;
                }
            }
        }
        int[] card = net.stateCounts();
        double[][][] cpts = net.rawCpts();
        List<Factor> factors = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            if (!relevant[i]) {
                continue;
            }
            int k = parents[i].length;
            int[] vars = Arrays.copyOf(parents[i], k + 1);
            vars[k] = i;
            int[] c = new int[k + 1];
            for (int m = 0; m <= k; m++) {
                c[m] = card[vars[m]];
            }
            double[] vals = new double[cpts[i].length * card[i]];
            for (int cf = 0; cf < cpts[i].length; cf++) {
                System.arraycopy(cpts[i][cf], 0, vals, cf * card[i], card[i]);
            }
            factors.add(new Factor(vars, c, vals));
        }
        boolean[] isQuery = new boolean[t];
        for (int q : query) {
            isQuery[q] = true;
        }
        List<Integer> toEliminate = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            if (relevant[i] && !isQuery[i]) {
                toEliminate.add(i);
            }
        }
        while (!toEliminate.isEmpty()) {
            int best = -1;
            long bestSize = Long.MAX_VALUE;
            for (int v : toEliminate) {
                long size = 1;
                boolean[] in = new boolean[t];
                for (Factor f : factors) {
                    if (f.indexOf(v) >= 0) {
                        for (int u : f.vars) {
                            if (!in[u]) {
                                in[u] = true;
                                size *= card[u];
                            }
                        }
                    }
                }
                if (size < bestSize) {
                    bestSize = size;
                    best = v;
                }
            }
            final int v = best;
            Factor prod = null;
            List<Factor> rest = new ArrayList<>();
            for (Factor f : factors) {
                if (f.indexOf(v) >= 0) {
                    prod = prod == null ? f : prod.multiply(f);
                } else {
                    rest.add(f);
                }
            }
            rest.add(prod.sumOut(v));
            factors = rest;
            toEliminate.remove(Integer.valueOf(v));
        }
        Factor prod = factors.get(0);
        for (int k = 1; k < factors.size(); k++) {
            prod = prod.multiply(factors.get(k));
        }
        double[] out = prod.valuesIn(query);
        double tot = 0;
        for (double x : out) {
            tot += x;
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= tot;
        }
        return out;
    }
}
