package org.causalheads.dag;

/**
 * An edge between two nodes of a graph over positions {@code 0..T-1}.
 *
 * <p>A directed edge reads {@code from -> to}. An undirected edge (as left in a CPDAG by a
 * constraint-based method) is stored with {@code from < to} and {@code directed == false}.
 *
 * @param from     tail node (or the smaller end of an undirected edge)
 * @param to       head node (or the larger end of an undirected edge)
 * @param directed whether the orientation is known
 */
public record Edge(int from, int to, boolean directed) {

    public Edge {
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("edge ends must be non-negative node indices, got " + from + " -> " + to);
        }
        if (from == to) {
            throw new IllegalArgumentException("self-loop at node " + from + " is not an edge of a DAG");
        }
        if (!directed && from > to) {
            int t = from;
            from = to;
            to = t;
        }
    }

    /** A directed edge {@code from -> to}. */
    public static Edge directed(int from, int to) {
        return new Edge(from, to, true);
    }

    /** An undirected edge {@code a - b}. */
    public static Edge undirected(int a, int b) {
        return new Edge(a, b, false);
    }

    /** Whether this edge joins the same two nodes as {@code other}, ignoring orientation. */
    public boolean sameSkeleton(Edge other) {
        return Math.min(from, to) == Math.min(other.from, other.to)
                && Math.max(from, to) == Math.max(other.from, other.to);
    }

    @Override
    public String toString() {
        return from + (directed ? " -> " : " -- ") + to;
    }
}
