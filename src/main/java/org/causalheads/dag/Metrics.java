package org.causalheads.dag;

import java.util.HashSet;
import java.util.Set;

/**
 * Structure-recovery metrics of an estimated {@link Graph} against a true {@link Dag}.
 *
 * <p>Conventions (an estimate may be a CPDAG with undirected edges; an estimate listing both
 * {@code a -> b} and {@code b -> a} is read as the undirected edge {@code a -- b}):
 * <ul>
 *   <li><b>SHD</b> = extra + missing + wrongly oriented. An estimated adjacency absent from the
 *       true skeleton is one <em>extra</em>; a true edge with no estimated adjacency is one
 *       <em>missing</em>; a true edge estimated reversed costs 1 (2 with
 *       {@link Shd#DOUBLE_REVERSED}, the {@code cdt} {@code double_for_anticausal} convention); a
 *       true edge estimated as undirected costs 1 in both conventions (its orientation is
 *       unknown, so it is half right).</li>
 *   <li><b>Directed precision / recall / F1</b> (gCastle style): a true positive is an estimated
 *       directed edge with the true orientation; an undirected estimate is an estimated edge but
 *       never a true positive. precision = TP / estimated adjacencies (0 when there are none),
 *       recall = TP / true edges, F1 = 0 when precision + recall = 0.</li>
 *   <li><b>TPR / FDR / FPR</b> exactly as NOTEARS' {@code count_accuracy}: there an undirected
 *       estimate on a true skeleton edge <em>does</em> count as a true positive; reversed edges
 *       and edges off the skeleton are false discoveries; FPR divides them by the number of
 *       absent true edges {@code d(d-1)/2 - |E|}.</li>
 *   <li><b>Skeleton F1</b>: F1 of the adjacencies, orientation ignored.</li>
 *   <li><b>Head-collapse rate</b>: over non-root nodes of the truth with at least two heads,
 *       the share where two or more heads picked the same parent.</li>
 * </ul>
 */
public final class Metrics {

    /** How a reversed edge counts in SHD. */
    public enum Shd {
        /** A reversed edge costs 1 (NOTEARS / gCastle). */
        REVERSED_ONCE,
        /** A reversed edge costs 2 ({@code cdt}'s {@code double_for_anticausal=True}). */
        DOUBLE_REVERSED
    }

    private Metrics() {
    }

    /** Scores without head picks (head-collapse rate {@code NaN}), reversed edges costing 1. */
    public static Scores score(Dag truth, Graph estimate) {
        return score(truth, estimate, null, Shd.REVERSED_ONCE);
    }

    /** Scores with per-head picks {@code picks[i][l]} (see {@link #headCollapseRate}). */
    public static Scores score(Dag truth, Graph estimate, int[][] picks) {
        return score(truth, estimate, picks, Shd.REVERSED_ONCE);
    }

    /**
     * All scores.
     *
     * @param picks per-head parent picks {@code picks[i][l]} or {@code null} for none
     * @throws IllegalArgumentException if the graphs have different sizes
     */
    public static Scores score(Dag truth, Graph estimate, int[][] picks, Shd shdMode) {
        int d = truth.size();
        if (estimate.size() != d) {
            throw new IllegalArgumentException("estimate has " + estimate.size() + " nodes, truth has " + d);
        }
        int[][] est = orientation(estimate);
        int trueEdges = truth.edgeCount();
        int extra = 0, missing = 0, reversed = 0, undirected = 0, correct = 0, estimated = 0;
        int skelTp = 0;
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                int e = est[a][b];
                boolean t = truth.hasEdge(a, b); // true edges always point a -> b (a < b)
                if (e != 0) {
                    estimated++;
                }
                if (!t) {
                    if (e != 0) {
                        extra++;
                    }
                    continue;
                }
                if (e == 0) {
                    missing++;
                    continue;
                }
                skelTp++;
                if (e == FORWARD) {
                    correct++;
                } else if (e == BACKWARD) {
                    reversed++;
                } else {
                    undirected++;
                }
            }
        }
        int shd = extra + missing + undirected + (shdMode == Shd.DOUBLE_REVERSED ? 2 : 1) * reversed;
        double precision = estimated == 0 ? 0.0 : (double) correct / estimated;
        double recall = trueEdges == 0 ? 0.0 : (double) correct / trueEdges;
        double f1 = f1(precision, recall);
        // NOTEARS count_accuracy
        double tpr = (double) (correct + undirected) / Math.max(trueEdges, 1);
        double falseDisc = reversed + extra;
        double fdr = falseDisc / Math.max(estimated, 1);
        double condNeg = 0.5 * d * (d - 1) - trueEdges;
        double fpr = falseDisc / Math.max(condNeg, 1);
        double skP = estimated == 0 ? 0.0 : (double) skelTp / estimated;
        double skR = trueEdges == 0 ? 0.0 : (double) skelTp / trueEdges;
        double collapse = picks == null ? Double.NaN : headCollapseRate(truth, picks);
        return new Scores(shd, extra, missing, reversed, undirected, precision, recall, f1,
                tpr, fdr, fpr, f1(skP, skR), collapse, trueEdges, estimated);
    }

    /**
     * Share of non-root nodes of {@code truth} (with at least two heads) where two or more heads
     * picked the same parent; {@code picks[i][l]} is head {@code l}'s pick for node {@code i}
     * (rows of root nodes are ignored and may be empty). 0 when no node qualifies.
     *
     * @throws IllegalArgumentException if {@code picks} does not have one row per node, or a
     *                                  non-root row is empty
     */
    public static double headCollapseRate(Dag truth, int[][] picks) {
        if (picks.length != truth.size()) {
            throw new IllegalArgumentException("picks has " + picks.length + " rows, expected one per node ("
                    + truth.size() + ")");
        }
        int nodes = 0, collapsed = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.isRoot(i)) {
                continue;
            }
            if (picks[i] == null || picks[i].length == 0) {
                throw new IllegalArgumentException("no head picks for non-root node " + i);
            }
            if (picks[i].length < 2) {
                continue;
            }
            nodes++;
            Set<Integer> seen = new HashSet<>();
            for (int p : picks[i]) {
                if (!seen.add(p)) {
                    collapsed++;
                    break;
                }
            }
        }
        return nodes == 0 ? 0.0 : (double) collapsed / nodes;
    }

    /**
     * Share of parent slots found by the head of the same index: over non-root nodes {@code i} of
     * {@code truth} and slots {@code l < min(inDegree(i), picks[i].length)}, the fraction with
     * {@code picks[i][l] == truth.parent(i, l)}. Unlike F1 this sees heads that found the right
     * parents in swapped slots (each head is tied to its own kernel in KG-MI). 0 when no slot
     * qualifies.
     *
     * @throws IllegalArgumentException if {@code picks} does not have one row per node, or a
     *                                  non-root row is empty
     */
    public static double slotAccuracy(Dag truth, int[][] picks) {
        if (picks.length != truth.size()) {
            throw new IllegalArgumentException("picks has " + picks.length + " rows, expected one per node ("
                    + truth.size() + ")");
        }
        int slots = 0, correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.isRoot(i)) {
                continue;
            }
            if (picks[i] == null || picks[i].length == 0) {
                throw new IllegalArgumentException("no head picks for non-root node " + i);
            }
            int m = Math.min(truth.inDegree(i), picks[i].length);
            for (int l = 0; l < m; l++) {
                slots++;
                if (picks[i][l] == truth.parent(i, l)) {
                    correct++;
                }
            }
        }
        return slots == 0 ? 0.0 : (double) correct / slots;
    }

    static double f1(double p, double r) {
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    private static final int FORWARD = 1;
    private static final int BACKWARD = 2;
    private static final int UNDIRECTED = 3;

    /** {@code o[a][b]} for {@code a < b}: 0 none, FORWARD a->b, BACKWARD b->a, UNDIRECTED. */
    private static int[][] orientation(Graph g) {
        int d = g.size();
        int[][] o = new int[d][d];
        for (Edge e : g.edges()) {
            if (e.from() >= d || e.to() >= d) {
                throw new IllegalArgumentException("edge " + e + " leaves the node range 0.." + (d - 1));
            }
            int a = Math.min(e.from(), e.to());
            int b = Math.max(e.from(), e.to());
            int code = !e.directed() ? UNDIRECTED : (e.from() < e.to() ? FORWARD : BACKWARD);
            int old = o[a][b];
            o[a][b] = old == 0 || old == code ? code : UNDIRECTED;
        }
        return o;
    }
}
