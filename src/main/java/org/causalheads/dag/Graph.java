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
}
