package org.causalheads.baselines;

import java.util.Optional;

import org.causalheads.dag.MixedGraph;

/**
 * The outcome of one baseline run.
 *
 * @param method  description of the method and its settings, e.g. {@code "PC(chi2, alpha=0.01, order)"}
 * @param graph   the estimated graph (a CPDAG: undirected edges where the method left the
 *                orientation open); the empty graph over the same nodes if the run failed
 * @param millis  wall-clock time of the run in milliseconds (building Tetrad's data set and
 *                knowledge, the search, and converting the result back)
 * @param failure why the method gave no answer (too few samples, or what Tetrad threw); empty on success
 */
public record BaselineResult(String method, MixedGraph graph, long millis, Optional<String> failure) {

    public BaselineResult {
        if (method == null || graph == null || failure == null) {
            throw new IllegalArgumentException("method, graph and failure must not be null (use Optional.empty())");
        }
        if (millis < 0) {
            throw new IllegalArgumentException("millis must be non-negative, got " + millis);
        }
    }

    /** Whether the method produced a graph. */
    public boolean ok() {
        return failure.isEmpty();
    }
}
