/**
 * Classical structure-learning baselines on discrete samples, through Tetrad 7.6.5
 * ({@code io.github.cmu-phil:tetrad-lib}).
 *
 * <pre>{@code
 * BayesNet net = Networks.asia();
 * DiscreteData data = DiscreteData.of(net.sample(10_000, 1), net.stateCounts(), net.names());
 * for (Baseline b : Baseline.defaults()) {
 *     BaselineResult r = b.run(data, true);      // true: give the known order as tiers
 *     MixedGraph cpdag = r.graph();              // directed and undirected edges
 *     System.out.println(r.method() + " " + r.millis() + " ms " + r.failure().orElse("ok"));
 * }
 * }</pre>
 *
 * <h2>Methods and settings</h2>
 * <ul>
 * <li>{@link org.causalheads.baselines.Baseline.Pc}: Tetrad's {@code Pc} with {@code IndTestChiSquare}
 * or {@code IndTestGSquare} at level {@code alpha} (default 0.01), optional depth limit; Tetrad's
 * defaults otherwise.</li>
 * <li>{@link org.causalheads.baselines.Baseline.Fges}: {@code Fges} with {@code BdeuScore}
 * (sample prior default 10, structure prior default 1), one thread.</li>
 * <li>{@link org.causalheads.baselines.Baseline.Boss}: {@code PermutationSearch(new Boss(BdeuScore))},
 * one thread, one start, no BES step, seeded.</li>
 * </ul>
 * Outputs are CPDAGs as {@link org.causalheads.dag.MixedGraph}s: Tetrad's undirected edges stay
 * undirected; an edge with any endpoints other than tail/arrow (a bidirected edge from conflicting
 * collider orientations) is reported as undirected. Columns are passed to Tetrad as {@code X0..}
 * internally, so any column names are safe; the result carries the data's names.
 *
 * <h2>Fairness: the known order</h2>
 * The attention model knows the topological order through its causal mask. {@code run(data, true)}
 * gives the baselines the same information as tier knowledge: each column in its own tier, in
 * column order, so no edge may point from a later column to an earlier one. Compare the model with
 * the baselines run this way; runs without the order show what the order is worth.
 *
 * <h2>Failures, output, timing</h2>
 * A method that cannot answer is reported in {@link org.causalheads.baselines.BaselineResult#failure()}
 * with the empty graph: fewer than {@link org.causalheads.baselines.Baseline#MIN_SAMPLES} samples
 * (Tetrad would silently return an empty or complete graph), or anything Tetrad throws. Invalid
 * settings or data (alpha outside (0, 1), n = 0, a value outside its column's states, mismatched
 * state counts) throw {@link java.lang.IllegalArgumentException} naming the value. During a run,
 * {@code System.out} and {@code System.err} are redirected to nothing (one run at a time) so
 * notebooks stay clean. {@code millis} is wall-clock time of the whole call (data conversion,
 * search, conversion back).
 */
package org.causalheads.baselines;
