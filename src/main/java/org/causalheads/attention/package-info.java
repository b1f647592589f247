/**
 * The reduced single-layer, K-head causal attention model and its gradient-ascent dynamics.
 *
 * <p>Head {@code l} has a logit matrix {@code Q^l ∈ R^{T×T}} (the position-position block of
 * {@code W_Q W_Kᵀ} on one-hot positions; token blocks are zero). Node {@code i} attends over
 * {@code j < i} with {@code a^l_{ij} = softmax_j(Q^l_{i,·})}; zero logits give uniform attention.
 * The objective is {@code L_f(Q) = (1/T) Σ_i Σ_l Σ_{j<i} a^l_{ij} V^l_{ij}} with per-head KG-MI
 * values or the plain f-MI for every head; its gradient is
 * {@code ∂L/∂Q^l_{ij} = (1/T) a^l_{ij}(V^l_{ij} - Σ_k a^l_{ik} V^l_{ik})}, and
 * {@link org.causalheads.attention.AttentionAscent} takes steps {@code Q ← Q + η∇L} ({@code η = 10}).
 *
 * <p><b>Stopping rule:</b> the first epoch at which every head of every non-root node with at
 * least two candidates has {@code max_j a^l_{ij} ≥ 1 - ε_attn} ({@code ε_attn = 0.05}); if the
 * budget runs out first there is no stopping epoch. <b>Readout:</b>
 * {@code p̂_l(i) = argmax_j a^l_{ij}}, taken from the attention alone
 * ({@link org.causalheads.attention.AscentResult#readout}): nodes {@code i < K} are roots, a head whose
 * largest weight has not gone more than half-way from uniform to one-hot names no parent, and a node none of whose heads concentrated is read
 * as a root (a root's attention should stay near uniform:
 * {@link org.causalheads.attention.Attention#rootDeviation}). The stopping rule uses the true
 * roots, as the definition of the stopping epoch does; the readout does not.
 *
 * <p>Each row evolves on its own and, from uniform attention, keeps the order of its values
 * {@code V^l_{i·}}; so the readout of a slot is its true parent exactly when its gap is positive.
 */
package org.causalheads.attention;
