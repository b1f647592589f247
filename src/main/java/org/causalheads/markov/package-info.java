/**
 * Markov kernels and the sequence processes on a DAG.
 *
 * <p><b>Kernels.</b> {@link org.causalheads.markov.Kernel} is a validated row-stochastic
 * $S\times S$ matrix, $\kappa (t|s)$ in row $s$. Constructors: Sinkhorn-normalised random
 * positive matrices (doubly stochastic, so the stationary distribution is uniform), the strength
 * knob $\kappa (\gamma) = (1-\gamma)U + \gamma M$, and Dirichlet rows. The stationary distribution solves
 * $\mu = \mu \kappa$, $\sum \mu = 1$.
 *
 * <p><b>MTD process</b> ({@link org.causalheads.markov.MtdProcess}). Reconstruction: the paper
 * summaries only say the transition kernel is positive and stationary; this project uses the
 * mixture transition distribution $\pi (s'|s_1,\dots,s_K) = \sum_\ell \lambda_\ell \kappa_\ell(s'|s_\ell)$ with $\lambda$ on
 * the simplex ($\lambda_\ell \gt  0$) and kernels sharing a stationary $\mu$, roots drawn from
 * $\mu$. Then every position has marginal $\mu$ whatever the dependence between parents.
 * The marginal kernel of slot $\ell$ is $\Pi_\ell(s'|s) = \lambda_\ell \kappa_\ell(s'|s) + (1-\lambda_\ell) \mu (s')$:
 * exactly $P(S_i | S_{p_\ell(i)})$ when the parents are independent, nominal otherwise.
 *
 * <p><b>Exact pairwise conditionals</b> ({@link org.causalheads.markov.PairwiseConditionals};
 * reconstruction, exact for MTD). For $j \lt  i$, $C[j][i] = P(S_i|S_j)$ is
 * $1\mu^{\top}$ for a root $i$ and otherwise $\sum_\ell \lambda_\ell R[j][p_\ell(i)] \kappa_\ell$ with
 * $R[j][p] = C[j][p]$ for $p \gt  j$, the identity for $p = j$, and the Bayes
 * reverse $R(s,a) = C[p][j](a,s) \mu (a)/\mu (s)$ for $p \lt  j$; cost $O(T^2KS^3)$.
 * Joints are $P_{ji}(s,s') = \mu (s) C[j][i](s,s')$.
 *
 * <p><b>K-ary process</b> ({@link org.causalheads.markov.KaryProcess}): a Dirichlet row per parent
 * tuple, without a shared stationary distribution, to show what breaks without it (empirical only).
 *
 * <p>Sampling is seeded and thread-count independent; {@link org.causalheads.markov.Samples}
 * stores one byte per symbol, position-major ($T\cdot n$ bytes).
 */
package org.causalheads.markov;
