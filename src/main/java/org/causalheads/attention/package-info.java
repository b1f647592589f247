/**
 * The reduced single-layer, K-head causal attention model and its gradient-ascent dynamics.
 *
 * <p>Head $\ell$ has a logit matrix $Q^\ell \in \mathbb{R}^{T\times T}$ (the position-position block of
 * $W_Q W_K^{\top}$ on one-hot positions; token blocks are zero). Node $i$ attends over
 * $j \lt  i$ with $a^\ell_{ij} = \operatorname{softmax}_j(Q^\ell_{i,\cdot})$; zero logits give uniform attention.
 * The objective is $L_f(Q) = (1/T) \sum_i \sum_\ell \sum_{j\lt i} a^\ell_{ij} V^\ell_{ij}$ with per-head KG-MI
 * values or the plain f-MI for every head; its gradient is
 * $\partial L/\partial Q^\ell_{ij} = (1/T) a^\ell_{ij}(V^\ell_{ij} - \sum_k a^\ell_{ik} V^\ell_{ik})$, and
 * {@link org.causalheads.attention.AttentionAscent} takes steps $Q \leftarrow Q + \eta \nabla L$ ($\eta = 10$).
 *
 * <p><b>Stopping rule:</b> the first epoch at which every head of every non-root node with at
 * least two candidates has $\max_j a^\ell_{ij} \ge 1 - \varepsilon_{\text{attn}}$ ($\varepsilon_{\text{attn}} = 0.05$); if the
 * budget runs out first there is no stopping epoch. <b>Readout:</b>
 * $\hat p_\ell(i) = \operatorname{argmax}_j a^\ell_{ij}$, taken from the attention alone
 * ({@link org.causalheads.attention.AscentResult#readout}): nodes $i \lt  K$ are roots, a head whose
 * largest weight has not gone more than half-way from uniform to one-hot names no parent, and a node none of whose heads concentrated is read
 * as a root (a root's attention should stay near uniform:
 * {@link org.causalheads.attention.Attention#rootDeviation}). The stopping rule uses the true
 * roots, as the definition of the stopping epoch does; the readout does not.
 *
 * <p>Each row evolves on its own and, from uniform attention, keeps the order of its values
 * $V^\ell_{i\cdot}$; so the readout of a slot is its true parent exactly when its gap is positive.
 */
package org.causalheads.attention;
