package org.causalheads.dag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable graph over nodes {@code 0..size()-1} with directed and undirected edges: the shape
 * of a CPDAG (completed partially directed acyclic graph) returned by a structure-learning method,
 * where an undirected edge {@code a -- b} means the data did not decide the orientation.
 *
 * <p>Validation at creation: edge ends are in range, no self loops (rejected by {@link Edge}), and
 * at most one edge per unordered pair (so {@code a -> b} together with {@code b -> a}, or with
 * {@code a -- b}, is rejected). Acyclicity of the directed part is <em>not</em> required: an
 * estimate may be wrong in any way, and metrics must still be able to score it.
 *
 * <p>Edges are kept in a canonical order (by smaller end, then larger end), so two graphs with the
 * same edges are {@link #equals equal} whatever order the edges were given in.
 */
public final class MixedGraph implements Graph {

    private static final Comparator<Edge> CANONICAL = Comparator
            .comparingInt((Edge e) -> Math.min(e.from(), e.to()))
            .thenComparingInt(e -> Math.max(e.from(), e.to()));

    private final int size;
    private final List<Edge> edges;
    private final List<String> names;

    private MixedGraph(int size, List<Edge> edges, List<String> names) {
        this.size = size;
        this.edges = edges;
        this.names = names;
    }

    /** A graph with default names {@code X0, X1, ...}. */
    public static MixedGraph of(int size, List<Edge> edges) {
        return of(size, edges, null);
    }

    /**
     * A graph over {@code size} nodes with the given edges and names ({@code null} for defaults).
     *
     * @throws IllegalArgumentException if {@code size < 1}, an edge end is out of range, a pair of
     *                                  nodes is joined twice, or the names are not {@code size}
     *                                  distinct strings
     */
    public static MixedGraph of(int size, List<Edge> edges, List<String> names) {
        if (size < 1) {
            throw new IllegalArgumentException("a graph needs at least one node, got size " + size);
        }
        if (edges == null) {
            throw new IllegalArgumentException("edges must not be null (use an empty list)");
        }
        Set<Long> pairs = new HashSet<>();
        List<Edge> copy = new ArrayList<>(edges.size());
        for (Edge e : edges) {
            if (e == null) {
                throw new IllegalArgumentException("null edge in " + edges);
            }
            if (e.from() >= size || e.to() >= size) {
                throw new IllegalArgumentException("edge " + e + " has an end outside 0.." + (size - 1));
            }
            int a = Math.min(e.from(), e.to());
            int b = Math.max(e.from(), e.to());
            if (!pairs.add((long) a * size + b)) {
                throw new IllegalArgumentException("nodes " + a + " and " + b
                        + " are joined by more than one edge (at most one edge per pair), second is " + e);
            }
            copy.add(e);
        }
        copy.sort(CANONICAL);
        List<String> n = null;
        if (names != null) {
            if (names.size() != size) {
                throw new IllegalArgumentException("expected " + size + " node names, got " + names.size());
            }
            if (new HashSet<>(names).size() != size) {
                throw new IllegalArgumentException("node names must be distinct, got " + names);
            }
            n = List.copyOf(names);
        }
        return new MixedGraph(size, Collections.unmodifiableList(copy), n);
    }

    /** The graph of a DAG: every edge directed, names kept. */
    public static MixedGraph of(Dag dag) {
        return of(dag.size(), dag.edges(), dag.names());
    }

    /** A graph with no edges. */
    public static MixedGraph empty(int size, List<String> names) {
        return of(size, List.of(), names);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<Edge> edges() {
        return edges;
    }

    @Override
    public List<String> names() {
        return names != null ? names : Graph.super.names();
    }

    /** The edge joining {@code a} and {@code b} (either orientation), if any. */
    public java.util.Optional<Edge> edge(int a, int b) {
        checkNode(a);
        checkNode(b);
        for (Edge e : edges) {
            if ((e.from() == a && e.to() == b) || (e.from() == b && e.to() == a)) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether {@code a} and {@code b} are joined by an edge of any kind. */
    public boolean isAdjacent(int a, int b) {
        return edge(a, b).isPresent();
    }

    /** Whether the directed edge {@code from -> to} is present. */
    public boolean hasDirected(int from, int to) {
        return edge(from, to).filter(e -> e.directed() && e.from() == from).isPresent();
    }

    /** Whether the undirected edge {@code a -- b} is present. */
    public boolean hasUndirected(int a, int b) {
        return edge(a, b).filter(e -> !e.directed()).isPresent();
    }

    /** Number of directed edges. */
    public int directedCount() {
        return (int) edges.stream().filter(Edge::directed).count();
    }

    /** Number of undirected edges. */
    public int undirectedCount() {
        return edges.size() - directedCount();
    }

    private void checkNode(int i) {
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException("node " + i + " out of range 0.." + (size - 1));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MixedGraph g && g.size == size && g.edges.equals(edges) && g.names().equals(names());
    }

    @Override
    public int hashCode() {
        return 31 * size + edges.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MixedGraph[");
        List<String> nm = names();
        for (int k = 0; k < edges.size(); k++) {
            Edge e = edges.get(k);
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(nm.get(e.from())).append(e.directed() ? " -> " : " -- ").append(nm.get(e.to()));
        }
        return sb.append(']').toString();
    }
}
