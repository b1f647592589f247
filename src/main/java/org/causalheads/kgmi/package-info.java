/**
 * The notebook-facing facade of the KG-MI experiments (Cheng et al., arXiv 2510.25542, as
 * reconstructed by this project, as the package documentation of markov and info says): {@link org.causalheads.kgmi.Problem} (a DAG and
 * an MTD process, from parameters or a JSON spec), {@link org.causalheads.kgmi.Experiment}
 * (f-divergence, KG-MI form, objective, population values or $n$ samples, training
 * settings) and {@link org.causalheads.kgmi.ExperimentResult} (stopping epoch, gap $\Delta$, estimation error $\varepsilon$,
 * per-head parents, scores, history and provenance).
 *
 * <pre>{@code
 * Problem p = Problem.builder().length(30).states(5).parents(2).strength(0.9).seed(7).build();
 * ExperimentResult r = Experiment.on(p).divergence(FDivergence.KL).samples(50_000).run();
 * r.stopEpoch(); r.delta(); r.epsilon(); r.scores().f1(); r.history().minParentAttention();
 * }</pre>
 */
package org.causalheads.kgmi;
