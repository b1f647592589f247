/**
 * Published discrete Bayesian networks: reading and writing BIF, the {@link org.causalheads.bn.BayesNet}
 * model, forward sampling, exact inference, and the per-slot kernels KG-MI needs on real networks.
 *
 * <h2>Data flow</h2>
 * <pre>{@code
 * BayesNet net = Bif.read(Path.of("child.bif"));     // or Networks.asia(), Networks.resource("asia")
 * Dag dag = net.toDag();                              // nodes in topological order, slots as written
 * int[][] x = net.sample(10_000, 42);                 // [sample][node], same node order
 * SlotKernels k = net.slotKernels();
 * double[][] pi = k.kernel(node, slot);               // S_parent x S_child, row-stochastic
 * double[] mu = k.marginal(node);                     // exact P(x_node)
 * double[][] c = k.pairConditional(j, i);             // exact P(x_i | x_j)
 * }</pre>
 *
 * <h2>BIF support</h2>
 * The bnlearn repository's format (see {@link org.causalheads.bn.Bif}): {@code network},
 * {@code variable} with {@code type discrete [ k ] { ... }}, {@code probability} blocks with
 * {@code table}, explicit rows and {@code default} rows, properties (kept as text), comments, any
 * state names without whitespace or BIF punctuation, free layout. Errors are
 * {@link org.causalheads.bn.BifFormatException}s carrying line and column and saying what was
 * expected. CPT rows must sum to 1 within {@link org.causalheads.bn.BayesNet#SUM_TOLERANCE}
 * ({@code 1e-3}, absolute; published tables are rounded) and are renormalised when they are off by
 * more than {@code 1e-9}. The writer's output reads back to an equal network.
 *
 * <h2>Node order</h2>
 * Every index in this package is a topological index: the stable topological order of the
 * declaration order (a file declared in topological order keeps its order). Parent slots keep the
 * order written in the file ({@code probability ( X | A, B )}: slot 0 is A). CPT rows are indexed by
 * parent configuration with the last parent varying fastest.
 *
 * <h2>Exact inference</h2>
 * Marginals, joints of a few nodes and pairwise conditionals are computed by variable elimination
 * over the query's ancestors with a greedy min-size order ({@link org.causalheads.bn.VariableElimination});
 * it is exact and instant for the shipped and shared networks (asia, cancer, child), and refuses
 * (with {@link java.lang.IllegalStateException}) networks whose elimination would need a factor of
 * more than {@code 2^22} entries.
 *
 * <h2>Slot kernels: this project's extension</h2>
 * The KG-MI paper studies synthetic processes whose slot kernels {@code Pi_l} are known. For a
 * published network we define the <em>nominal</em> kernel of slot {@code l} of node {@code i} as
 * the CPT averaged over the other parents drawn independently from their exact marginals:
 * {@code Pi_l(s'|s) = sum_{a_{-l}} prod_{m != l} P(x_{p_m} = a_m) P(x_i = s' | x_{p_l} = s, a_{-l})}.
 * It is the exact {@code P(x_i | x_{p_l})} when the parents are independent (the MTD process's marginal
 * slot kernel for MTD processes is the same construction), the CPT itself for a single parent, and
 * only nominal when parents share ancestry. Kernels are rectangular ({@code S_parent x S_child})
 * when state counts differ. This definition is not from the paper.
 *
 * <h2>Positivity</h2>
 * Published networks may contain deterministic rows: in asia, {@code either} is the logical OR of
 * {@code lung} and {@code tub}. The joint then has zero cells, so empirical log-ratios are infinite
 * without smoothing and independence tests conditioning on such nodes see deterministic relations
 * (faithfulness fails). See {@link org.causalheads.bn.BayesNet#isPositive()} and
 * {@link org.causalheads.bn.BayesNet#deterministicNodes()}.
 */
package org.causalheads.bn;
