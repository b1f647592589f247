/**
 * f-divergences, f-mutual information and kernel-guided mutual information (KG-MI), exact or
 * estimated from pair counts.
 *
 * <p><b>Generators</b> ({@link org.causalheads.info.FDivergence}): convex $f$ with
 * $f(1) = 0$: KL $x \log x$, reverse KL $-\log x$, $\chi^2$ $(x-1)^2$, squared
 * Hellinger $(\sqrt{x}-1)^2$, Jensen-Shannon $\tfrac12[x \log(2x/(1+x)) + \log(2/(1+x))]$, total
 * variation $\tfrac12|x-1|$ (convex, not strictly: the control). Each gives $f$, $f'$,
 * the conjugate at the derivative $f^*(f'(r)) = r f'(r) - f(r)$, and the Bregman divergence
 * $B_f(a,b) = f(a) - f(b) - f'(b)(a-b)$.
 *
 * <p><b>f-MI</b>: $I_f(S_i;S_j) = \sum P_j(s) P_i(s') f(r)$, $r = P_{ji}/(P_j \otimes P_i)$.
 *
 * <p><b>KG-MI</b> (reconstruction: the summaries say only that KG-MI reweights f-MI with the
 * per-head kernel $\Pi_\ell$ and, for KL, amounts to minimising $D_{\mathrm{KL}}(\mu \Pi_\ell \,\|\, P_{ji})$).
 * With $\rho_\ell = \Pi_\ell(s'|s)/P_i(s')$:
 * <ul>
 *   <li>variational form (default, {@link org.causalheads.info.KgForm#VARIATIONAL}):
 *       $\mathrm{KG}^\ell_f = \mathbb{E}_{P_j \Pi_\ell}[f'(r)] - \mathbb{E}_{P_j\otimes P_i}[f^*(f'(r))] = I_f^{\Pi_\ell} - \mathbb{E}_{P_j\otimes P_i}[B_f(\rho_\ell, r)]$;
 *       it equals $I_f$ when the pair follows $\Pi_\ell$, peaks at such pairs for strictly
 *       convex $f$, and for KL is $I^{\Pi_\ell} - D_{\mathrm{KL}}(P_j\Pi_\ell \,\|\, P_{ji})$;</li>
 *   <li>plug-in form ({@link org.causalheads.info.KgForm#PLUG_IN}):
 *       $\sum P_j(s) \Pi_\ell(s'|s) f(r)/r$; identical for KL, not guaranteed to peak at the parent
 *       otherwise.</li>
 * </ul>
 *
 * <p><b>Estimation.</b> {@link org.causalheads.info.PairCounts} counts all pairs $j \lt  i$ with
 * one-hot bitsets and popcounts (parallel over positions); {@link org.causalheads.info.JointTable}
 * smooths them additively so $r \gt  0$; marginals come from the smoothed joint and the
 * kernels $\Pi_\ell$ are taken as known. The estimation error is
 * $\varepsilon = \max |\widehat{\mathrm{KG}} - \mathrm{KG}|$ over heads and pairs.
 *
 * <p><b>Gap</b> ({@link org.causalheads.info.Gap}):
 * $\Delta = \min_{i,\ell} [V^\ell_{i,p_\ell(i)} - \max_{j \ne p_\ell(i)} V^\ell_{ij}]$ on population values, kept per
 * node and slot. A slot with non-positive gap is not identifiable by that objective: with unequal
 * $\lambda$ or shared ancestry this happens (e.g. a strong grandparent beats a weak parent), so
 * the gap map, computable before any training, predicts recovery slot by slot. The seed claim is
 * that recovery from samples needs $\Delta \gt  4\varepsilon$.
 */
package org.causalheads.info;
