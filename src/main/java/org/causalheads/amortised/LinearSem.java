package org.causalheads.amortised;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.causalheads.dag.Dag;
import org.causalheads.dag.Edge;
import org.causalheads.dag.Metrics;
import org.causalheads.dag.MixedGraph;
import org.causalheads.dag.Scores;
import org.causalheads.numeric.Rng;
import org.ejml.data.DMatrixRMaj;

/**
 * One domain of a linear-Gaussian structural equation model {@code X = X W + E}: row {@code r}
 * of {@code X ∈ R^{n×d}} is one sample, {@code W[i][j]} is the weight of the edge
 * {@code i -> j} (so {@code X_j = Σ_i W_ij X_i + E_j}), and {@code E_j ~ N(0, σ²)} independently
 * with one variance {@code σ²} for every variable (the equal-variance case, identifiable from
 * observational data).
 *
 * <p>Variables carry <em>labels</em> {@code 0..d-1} (the columns of {@code X}); the support of
 * {@code W} is a DAG whose topological order is {@code order}: {@code order[r]} is the label of
 * the variable at rank {@code r}, and {@code W[order[a]][order[b]] != 0} only if {@code a < b}.
 * {@link #truth()} is that DAG in rank coordinates (the {@link Dag} convention: parents are
 * earlier positions), and {@link #score} compares an estimate given in labels against it after
 * relabelling by rank (SHD and F1 do not depend on the labels).
 */
public final class LinearSem {

    private final double[][] w;
    private final int[] order;
    private final int[] rank;
    private final double sigma;

    private LinearSem(double[][] w, int[] order, double sigma) {
        this.w = w;
        this.order = order;
        this.sigma = sigma;
        this.rank = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
    }

    /**
     * A domain from its weights (in labels), the topological order and the noise standard deviation.
     *
     * @throws IllegalArgumentException if {@code w} is not square, {@code order} is not a permutation
     *                                  of {@code 0..d-1}, a weight points against the order (or is a
     *                                  self-loop), a weight is not finite, or {@code sigma <= 0}
     */
    public static LinearSem of(double[][] w, int[] order, double sigma) {
        if (w == null || w.length == 0) {
            throw new IllegalArgumentException("weights need at least one variable, got "
                    + (w == null ? "null" : "0 rows"));
        }
        int d = w.length;
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("noise standard deviation sigma = " + sigma + "; expected a finite value > 0");
        }
        checkPermutation(order, d);
        int[] rk = new int[d];
        for (int r = 0; r < d; r++) {
            rk[order[r]] = r;
        }
        double[][] copy = new double[d][];
        for (int i = 0; i < d; i++) {
            if (w[i] == null || w[i].length != d) {
                throw new IllegalArgumentException("weights must be " + d + "x" + d + ", row " + i + " has "
                        + (w[i] == null ? "null" : w[i].length + " entries"));
            }
            copy[i] = w[i].clone();
            for (int j = 0; j < d; j++) {
                double v = copy[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("weight W[" + i + "][" + j + "] = " + v + " is not finite");
                }
                if (v != 0 && rk[i] >= rk[j]) {
                    throw new IllegalArgumentException("weight W[" + i + "][" + j + "] = " + v
                            + " points against the topological order (rank " + rk[i] + " -> rank " + rk[j] + ")");
                }
            }
        }
        return new LinearSem(copy, order.clone(), sigma);
    }

    static void checkPermutation(int[] order, int d) {
        if (order == null || order.length != d) {
            throw new IllegalArgumentException("order must list " + d + " labels, got "
                    + (order == null ? "null" : Arrays.toString(order)));
        }
        boolean[] seen = new boolean[d];
        for (int v : order) {
            if (v < 0 || v >= d || seen[v]) {
                throw new IllegalArgumentException("order " + Arrays.toString(order) + " is not a permutation of 0.." + (d - 1));
            }
            seen[v] = true;
        }
    }

    /** Number of variables {@code d}. */
    public int size() {
        return w.length;
    }

    /** Noise standard deviation {@code σ}. */
    public double sigma() {
        return sigma;
    }

    /** The weights {@code W[i][j]} of edges {@code i -> j}, in labels (a fresh copy). */
    public double[][] weights() {
        double[][] c = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            c[i] = w[i].clone();
        }
        return c;
    }

    /** The topological order: {@code order()[r]} is the label at rank {@code r} (a fresh copy). */
    public int[] order() {
        return order.clone();
    }

    /** The true DAG in rank coordinates: node {@code r} is the variable labelled {@code order()[r]}. */
    public Dag truth() {
        int d = w.length;
        int[][] parents = new int[d][];
        for (int b = 0; b < d; b++) {
            List<Integer> p = new ArrayList<>();
            for (int a = 0; a < b; a++) {
                if (w[order[a]][order[b]] != 0) {
                    p.add(a);
                }
            }
            parents[b] = p.stream().mapToInt(Integer::intValue).toArray();
        }
        return Dag.of(parents);
    }

    /** Number of edges (non-zero weights). */
    public int edgeCount() {
        int c = 0;
        for (double[] row : w) {
            for (double v : row) {
                if (v != 0) {
                    c++;
                }
            }
        }
        return c;
    }

    /**
     * {@code n} independent samples as an {@code n × d} matrix (a fresh matrix the caller owns),
     * drawn variable by variable along the order from one seeded stream.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public DMatrixRMaj sample(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("sample size n = " + n + "; expected n >= 1");
        }
        int d = w.length;
        Rng rng = new Rng(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int s = 0; s < n; s++) {
            for (int r = 0; r < d; r++) {
                int j = order[r];
                double v = sigma * rng.nextGaussian();
                for (int a = 0; a < r; a++) {
                    int i = order[a];
                    if (w[i][j] != 0) {
                        v += w[i][j] * x.unsafe_get(s, i);
                    }
                }
                x.unsafe_set(s, j, v);
            }
        }
        return x;
    }

    /**
     * The graph of an estimated weighted adjacency {@code a[i][j]} (in labels), relabelled to rank
     * coordinates: {@code i -> j} wherever {@code |a[i][j]| > threshold}, off the diagonal. If both
     * {@code i -> j} and {@code j -> i} pass, the larger magnitude is kept (ties: the pair is
     * read as undirected), so the result is always a valid {@link MixedGraph}.
     *
     * @throws IllegalArgumentException if {@code a} is not {@code d × d} or {@code threshold < 0}
     */
    public MixedGraph estimate(double[][] a, double threshold) {
        int d = w.length;
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("edge threshold = " + threshold + "; expected >= 0");
        }
        if (a == null || a.length != d) {
            throw new IllegalArgumentException("estimate must be " + d + "x" + d + ", got "
                    + (a == null ? "null" : a.length + " rows"));
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            if (a[i].length != d) {
                throw new IllegalArgumentException("estimate must be " + d + "x" + d + ", row " + i + " has " + a[i].length);
            }
            for (int j = i + 1; j < d; j++) {
                double f = Math.abs(a[i][j]);
                double b = Math.abs(a[j][i]);
                boolean fwd = f > threshold;
                boolean bwd = b > threshold;
                if (fwd && bwd && f == b) {
                    edges.add(Edge.undirected(rank[i], rank[j]));
                } else if (fwd && (!bwd || f > b)) {
                    edges.add(Edge.directed(rank[i], rank[j]));
                } else if (bwd) {
                    edges.add(Edge.directed(rank[j], rank[i]));
                }
            }
        }
        return MixedGraph.of(d, edges);
    }

    /** Scores of the thresholded estimate {@code a} (in labels) against {@link #truth()}. */
    public Scores score(double[][] a, double threshold) {
        return Metrics.score(truth(), estimate(a, threshold));
    }

    /**
     * Scores of an estimated graph given in labels (e.g. a CPDAG, whose undirected edges
     * {@link Metrics} counts as found adjacencies of unknown orientation) against {@link #truth()}.
     *
     * @throws IllegalArgumentException if {@code g} is null or not over {@code d} nodes
     */
    public Scores score(MixedGraph g) {
        int d = w.length;
        if (g == null || g.size() != d) {
            throw new IllegalArgumentException("estimated graph must have " + d + " nodes, got " + (g == null ? "null" : g.size()));
        }
        List<Edge> edges = new ArrayList<>();
        for (Edge e : g.edges()) {
            edges.add(e.directed() ? Edge.directed(rank[e.from()], rank[e.to()]) : Edge.undirected(rank[e.from()], rank[e.to()]));
        }
        return Metrics.score(truth(), MixedGraph.of(d, edges));
    }

    /**
     * A matrix given in labels with rows and columns put in rank order ({@code out[a][b] =
     * m[order[a]][order[b]]}), so the true weights become strictly upper triangular.
     */
    public double[][] inRankOrder(double[][] m) {
        int d = w.length;
        if (m == null || m.length != d) {
            throw new IllegalArgumentException("matrix must be " + d + "x" + d + ", got "
                    + (m == null ? "null" : m.length + " rows"));
        }
        double[][] out = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                out[a][b] = m[order[a]][order[b]];
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "LinearSem[d=" + w.length + ", edges=" + edgeCount() + ", sigma=" + sigma + ", order=" + Arrays.toString(order) + "]";
    }
}
