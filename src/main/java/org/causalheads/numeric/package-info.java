/**
 * The ground floor: every numeric routine of the project, written once, depending on no other
 * package of it.
 * <ul>
 *   <li>{@link org.causalheads.numeric.Rng} — the one seeded generator (SplitMix64) and its
 *       draws: uniform, normal, gamma, Dirichlet (in the log domain, exact at small
 *       concentrations), categorical;</li>
 *   <li>{@link org.causalheads.numeric.Softmax} — the stable softmax, in place;</li>
 *   <li>{@link org.causalheads.numeric.Optimiser}, {@link org.causalheads.numeric.OptimiserConfig},
 *       {@link org.causalheads.numeric.Schedule} — SGD and Adam/AdamW with their learning-rate
 *       schedules, used by every trainer;</li>
 *   <li>{@link org.causalheads.numeric.Stationary} — stationary distributions of Markov kernels,
 *       checked (unique, by a linear solve) or robust (GTH elimination);</li>
 *   <li>{@link org.causalheads.numeric.Statistics} and {@link org.causalheads.numeric.LineFit} —
 *       mean, median, quantiles, Pearson and Spearman correlation, the least-squares line.</li>
 * </ul>
 */
package org.causalheads.numeric;
