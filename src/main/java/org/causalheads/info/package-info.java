/**
 * f-divergences, f-mutual information and kernel-guided mutual information (KG-MI), exact or
 * estimated from pair counts.
 *
 * <p><b>Generators</b> ({@link org.causalheads.info.FDivergence}): convex {@code f} with
 * {@code f(1) = 0}: KL {@code x log x}, reverse KL {@code -log x}, χ² {@code (x-1)²}, squared
 * Hellinger {@code (√x-1)²}, Jensen-Shannon {@code ½[x log(2x/(1+x)) + log(2/(1+x))]}, total
 * variation {@code ½|x-1|} (convex, not strictly: the control). Each gives {@code f}, {@code f'},
 * the conjugate at the derivative {@code f*(f'(r)) = r f'(r) - f(r)}, and the Bregman divergence
 * {@code B_f(a,b) = f(a) - f(b) - f'(b)(a-b)}.
 *
 * <p><b>f-MI</b>: {@code I_f(S_i;S_j) = Σ P_j(s) P_i(s') f(r)}, {@code r = P_ji/(P_j ⊗ P_i)}.
 *
 * <p><b>KG-MI</b> (reconstruction: the summaries say only that KG-MI reweights f-MI with the
 * per-head kernel {@code Π_l} and, for KL, amounts to minimising {@code D_KL(μΠ_l ‖ P_ji)}).
 * With {@code ρ_l = Π_l(s'|s)/P_i(s')}:
 * <ul>
 *   <li>variational form (default, {@link org.causalheads.info.KgForm#VARIATIONAL}):
 *       {@code KG^l_f = E_{P_j Π_l}[f'(r)] - E_{P_j⊗P_i}[f*(f'(r))] = I_f^{Π_l} - E_{P_j⊗P_i}[B_f(ρ_l, r)]};
 *       it equals {@code I_f} when the pair follows {@code Π_l}, peaks at such pairs for strictly
 *       convex {@code f}, and for KL is {@code I^{Π_l} - D_KL(P_jΠ_l ‖ P_ji)};</li>
 *   <li>plug-in form ({@link org.causalheads.info.KgForm#PLUG_IN}):
 *       {@code Σ P_j(s) Π_l(s'|s) f(r)/r}; identical for KL, not guaranteed to peak at the parent
 *       otherwise.</li>
 * </ul>
 *
 * <p><b>Estimation.</b> {@link org.causalheads.info.PairCounts} counts all pairs {@code j < i} with
 * one-hot bitsets and popcounts (parallel over positions); {@link org.causalheads.info.JointTable}
 * smooths them additively so {@code r > 0}; marginals come from the smoothed joint and the
 * kernels {@code Π_l} are taken as known. The estimation error is
 * {@code ε = max |KĜ - KG|} over heads and pairs.
 *
 * <p><b>Gap</b> ({@link org.causalheads.info.Gap}):
 * {@code Δ = min_{i,l} [V^l_{i,p_l(i)} - max_{j ≠ p_l(i)} V^l_{ij}]} on population values, kept per
 * node and slot. A slot with non-positive gap is not identifiable by that objective: with unequal
 * {@code λ} or shared ancestry this happens (e.g. a strong grandparent beats a weak parent), so
 * the gap map, computable before any training, predicts recovery slot by slot. The seed claim is
 * that recovery from samples needs {@code Δ > 4ε}.
 */
package org.causalheads.info;
