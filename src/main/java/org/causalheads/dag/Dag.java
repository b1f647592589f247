package org.causalheads.dag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable directed acyclic graph over positions {@code 0..T-1} in topological order:
 * every parent of node {@code i} is a position {@code < i}, so acyclicity holds by construction
 * and is checked at creation.
 *
 * <p>Each node has an <em>ordered</em> list of parent slots {@code (p_1(i), ..., p_k(i))}: the slot
 * index {@code l} is the position in that list ("the l-th parent"), not an ordering by index. In
 * the KG-MI model, head {@code l} is meant to find slot {@code l}. A node with an empty list is a
 * root.
 */
public final class Dag implements Graph {

    private final int[][] parents;
    private final List<String> names;

    private Dag(int[][] parents, List<String> names) {
        this.parents = parents;
        this.names = names;
    }

    /**
     * A DAG from ordered parent lists, one per position; an empty list (or {@code null}) is a root.
     *
     * @throws IllegalArgumentException if a parent is not an earlier position, or repeats in a list
     */
    public static Dag of(int[][] parents) {
        return of(parents, null);
    }

    /**
     * A DAG with node names (for networks read from files); {@code names} may be {@code null}.
     *
     * @throws IllegalArgumentException if a parent is not an earlier position, repeats in a list,
     *                                  or the number of names differs from the number of nodes
     */
    public static Dag of(int[][] parents, List<String> names) {
        if (parents == null || parents.length == 0) {
            throw new IllegalArgumentException("a DAG needs at least one node, got "
                    + (parents == null ? "null" : "0") + " parent lists");
        }
        int t = parents.length;
        int[][] copy = new int[t][];
        for (int i = 0; i < t; i++) {
            int[] p = parents[i] == null ? new int[0] : parents[i].clone();
            Set<Integer> seen = new HashSet<>();
            for (int q : p) {
                if (q < 0 || q >= i) {
                    throw new IllegalArgumentException("parent " + q + " of node " + i
                            + " must be an earlier position in 0.." + (i - 1) + " (nodes are in topological order)");
                }
                if (!seen.add(q)) {
                    throw new IllegalArgumentException("parent " + q + " listed twice for node " + i);
                }
            }
            copy[i] = p;
        }
        List<String> n = null;
        if (names != null) {
            if (names.size() != t) {
                throw new IllegalArgumentException("expected " + t + " node names, got " + names.size());
            }
            if (new HashSet<>(names).size() != t) {
                throw new IllegalArgumentException("node names must be distinct, got " + names);
            }
            n = List.copyOf(names);
        }
        return new Dag(copy, n);
    }

    @Override
    public int size() {
        return parents.length;
    }

    /** The ordered parent slots of node {@code i} (a fresh copy). */
    public int[] parents(int i) {
        checkNode(i);
        return parents[i].clone();
    }

    /** The parent in slot {@code slot} of node {@code i}. */
    public int parent(int i, int slot) {
        checkNode(i);
        if (slot < 0 || slot >= parents[i].length) {
            throw new IllegalArgumentException("slot " + slot + " out of range 0.." + (parents[i].length - 1)
                    + " for node " + i);
        }
        return parents[i][slot];
    }

    /** Number of parents of node {@code i}. */
    public int inDegree(int i) {
        checkNode(i);
        return parents[i].length;
    }

    /** Largest in-degree over all nodes. */
    public int maxInDegree() {
        int m = 0;
        for (int[] p : parents) {
            m = Math.max(m, p.length);
        }
        return m;
    }

    /** Whether node {@code i} has no parents. */
    public boolean isRoot(int i) {
        return inDegree(i) == 0;
    }

    /** Whether {@code j -> i} is an edge. */
    public boolean hasEdge(int j, int i) {
        checkNode(i);
        checkNode(j);
        for (int q : parents[i]) {
            if (q == j) {
                return true;
            }
        }
        return false;
    }

    /** Adjacency matrix {@code A[j][i] = 1} iff {@code j -> i}. */
    public int[][] adjacency() {
        int t = size();
        int[][] a = new int[t][t];
        for (int i = 0; i < t; i++) {
            for (int q : parents[i]) {
                a[q][i] = 1;
            }
        }
        return a;
    }

    @Override
    public List<Edge> edges() {
        List<Edge> e = new ArrayList<>();
        for (int i = 0; i < parents.length; i++) {
            for (int q : parents[i]) {
                e.add(Edge.directed(q, i));
            }
        }
        return Collections.unmodifiableList(e);
    }

    @Override
    public List<String> names() {
        return names != null ? names : Graph.super.names();
    }

    /** Number of edges. */
    public int edgeCount() {
        int c = 0;
        for (int[] p : parents) {
            c += p.length;
        }
        return c;
    }

    private void checkNode(int i) {
        if (i < 0 || i >= parents.length) {
            throw new IllegalArgumentException("node " + i + " out of range 0.." + (parents.length - 1));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dag d && Arrays.deepEquals(parents, d.parents) && names().equals(d.names());
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(parents);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Dag[");
        for (int i = 0; i < parents.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(i).append("<-").append(Arrays.toString(parents[i]));
        }
        return sb.append(']').toString();
    }
}
