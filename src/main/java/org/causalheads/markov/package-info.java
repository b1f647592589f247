/**
 * Markov kernels and the sequence processes on a DAG.
 *
 * <p><b>Kernels.</b> {@link org.causalheads.markov.Kernel} is a validated row-stochastic
 * {@code S×S} matrix, {@code κ(t|s)} in row {@code s}. Constructors: Sinkhorn-normalised random
 * positive matrices (doubly stochastic, so the stationary distribution is uniform), the strength
 * knob {@code κ(γ) = (1-γ)U + γM}, and Dirichlet rows. The stationary distribution solves
 * {@code μ = μκ}, {@code Σμ = 1}.
 *
 * <p><b>MTD process</b> ({@link org.causalheads.markov.MtdProcess}). Reconstruction: the paper
 * summaries only say the transition kernel is positive and stationary; this project uses the
 * mixture transition distribution {@code π(s'|s_1..s_K) = Σ_l λ_l κ_l(s'|s_l)} with {@code λ} on
 * the simplex ({@code λ_l > 0}) and kernels sharing a stationary {@code μ}, roots drawn from
 * {@code μ}. Then every position has marginal {@code μ} whatever the dependence between parents.
 * The marginal kernel of slot {@code l} is {@code Π_l(s'|s) = λ_l κ_l(s'|s) + (1-λ_l) μ(s')}:
 * exactly {@code P(S_i | S_{p_l(i)})} when the parents are independent, nominal otherwise.
 *
 * <p><b>Exact pairwise conditionals</b> ({@link org.causalheads.markov.PairwiseConditionals};
 * reconstruction, exact for MTD). For {@code j < i}, {@code C[j][i] = P(S_i|S_j)} is
 * {@code 1μᵀ} for a root {@code i} and otherwise {@code Σ_l λ_l R[j][p_l(i)] κ_l} with
 * {@code R[j][p] = C[j][p]} for {@code p > j}, the identity for {@code p = j}, and the Bayes
 * reverse {@code R(s,a) = C[p][j](a,s) μ(a)/μ(s)} for {@code p < j}; cost {@code O(T²KS³)}.
 * Joints are {@code P_ji(s,s') = μ(s) C[j][i](s,s')}.
 *
 * <p><b>K-ary process</b> ({@link org.causalheads.markov.KaryProcess}): a Dirichlet row per parent
 * tuple, without a shared stationary distribution, to show what breaks without it (empirical only).
 *
 * <p>Sampling is seeded and thread-count independent; {@link org.causalheads.markov.Samples}
 * stores one byte per symbol, position-major ({@code T·n} bytes).
 */
package org.causalheads.markov;
