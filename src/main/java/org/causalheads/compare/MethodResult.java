package org.causalheads.compare;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.causalheads.baselines.BaselineResult;
import org.causalheads.dag.Dag;
import org.causalheads.dag.Metrics;
import org.causalheads.dag.MixedGraph;
import org.causalheads.dag.Scores;

/**
 * The outcome of one {@link Method} on one {@link ComparisonTask}: the same fields as a Tetrad
 * {@link BaselineResult}, plus the per-head picks of attention methods.
 *
 * @param method  the method's label
 * @param graph   the estimate (a CPDAG for Tetrad methods, a DAG for attention methods); the
 *                empty graph if the run failed
 * @param millis  wall-clock time of the whole call (data conversion, estimation, conversion back)
 * @param failure why the method gave no answer; empty on success
 * @param picks   {@code picks[i][ℓ]} = the node head {@code ℓ} of node {@code i} picked (−1: no
 *                parent); empty for methods without heads
 * @param converged for trained methods, whether training reached its stopping rule within the epoch
 *                budget (if not, the graph is read from the attention where the budget ran out);
 *                empty for methods without training and for failed runs
 */
public record MethodResult(String method, MixedGraph graph, long millis, Optional<String> failure,
                           Optional<int[][]> picks, Optional<Boolean> converged) {

    public MethodResult {
        if (method == null || graph == null || failure == null || picks == null || converged == null) {
            throw new IllegalArgumentException("method, graph, failure, picks and converged must not be null (use Optional.empty())");
        }
        if (millis < 0) {
            throw new IllegalArgumentException("millis must be non-negative, got " + millis);
        }
    }

    /** A result of a method without training ({@code converged} empty). */
    public MethodResult(String method, MixedGraph graph, long millis, Optional<String> failure, Optional<int[][]> picks) {
        this(method, graph, millis, failure, picks, Optional.empty());
    }

    /** A Tetrad result under the given label. */
    public static MethodResult of(String label, BaselineResult r) {
        return new MethodResult(label, r.graph(), r.millis(), r.failure(), Optional.empty());
    }

    /** Whether the method produced a graph. */
    public boolean ok() {
        return failure.isEmpty();
    }

    /**
     * Scores against the truth ({@link Metrics}); the head-collapse rate is, over nodes with at
     * least two true parents, the share where two heads picked the same (non-null) node, and
     * {@code NaN} for methods without heads.
     */
    public Scores score(Dag truth) {
        Scores s = Metrics.score(truth, graph);
        double collapse = picks.map(p -> collapseRate(truth, p)).orElse(Double.NaN);
        return new Scores(s.shd(), s.extra(), s.missing(), s.reversed(), s.undirected(), s.precision(), s.recall(),
                s.f1(), s.tpr(), s.fdr(), s.fpr(), s.skeletonF1(), collapse, s.trueEdges(), s.estimatedEdges());
    }

    static double collapseRate(Dag truth, int[][] picks) {
        int nodes = 0, collapsed = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.inDegree(i) < 2 || i >= picks.length) {
                continue;
            }
            nodes++;
            Set<Integer> seen = new HashSet<>();
            for (int p : picks[i]) {
                if (p >= 0 && !seen.add(p)) {
                    collapsed++;
                    break;
                }
            }
        }
        return nodes == 0 ? 0.0 : (double) collapsed / nodes;
    }
}
