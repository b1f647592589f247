package org.causalheads.dag;

import java.util.List;

/**
 * A graph over nodes {@code 0..size()-1}: the common view of a true {@link Dag} and of an
 * estimate that may leave some edges undirected (a CPDAG from a constraint-based method).
 * Metrics compare graphs through this view.
 */
public interface Graph {

    /** Number of nodes. */
    int size();

    /** The edges, each listed once. */
    List<Edge> edges();

    /** Node names, {@code size()} of them; defaults to {@code X0, X1, ...}. */
    default List<String> names() {
        String[] n = new String[size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = "X" + i;
        }
        return List.of(n);
    }

    /**
     * The graph as a matrix in the attention layout: row {@code i} is the child, column {@code j}
     * the parent; {@code m[i][j] = 1} for a directed edge {@code j → i}, and {@code ½} both ways
     * for an undirected edge {@code i — j}. A learned attention matrix and the true graph so
     * read cell for cell.
     */
    default double[][] parentMatrix() {
        double[][] m = new double[size()][size()];
        for (Edge e : edges()) {
            if (e.directed()) {
                m[e.to()][e.from()] = 1;
            } else {
                m[e.to()][e.from()] = 0.5;
                m[e.from()][e.to()] = 0.5;
            }
        }
        return m;
    }
}
