/**
 * In-context causal structure and induction heads: a reproduction of Nichani, Damian &amp; Lee,
 * "How Transformers Learn Causal Structure with Gradient Descent" (ICML 2024, arXiv 2402.14735).
 *
 * <p>A notebook cell reads task → model → train → attention and loss history:
 * <pre>{@code
 * InContextTree task = InContextTree.chain(10, 20);            // S = 10 tokens, T = 20 positions
 * Transformer model = Transformer.zeros(task.vocabSize(), task.seqLen(), 1, 1);            // two layers, one head each
 * TrainingResult run = TransformerTrainer.of(task).steps(1200).batch(256)
 *         .optimiser(OptimiserConfig.sgd(12))                   // cosine decay by default
 *         .snapshotAt(0, 300, 600, 1200).train(model);
 * run.finalLoss(); run.bayesLoss(); run.unigramLoss();          // held-out losses
 * run.finalSnapshot().firstLayer();                             // T×T layer-1 attention
 * run.finalSnapshot().firstLayerArgmax();                       // ≈ i−1 on the chain
 * GradientProbe.gradientAtInit(task, 20_000);                     // the same picture, at step 0
 * }</pre>
 *
 * <h2>Definitions used here</h2>
 * <ul>
 *   <li><b>Sequences.</b> Positions $0,\dots,T-1$, tokens in $[S]$. A fixed latent graph
 *       gives each context position at most one parent $p(i) \lt  i$. Every sequence draws
 *       its own transition matrix $\pi$ (rows Dirichlet($\alpha \cdot 1_S$), $\alpha = 0.1$ by default); roots
 *       come from the stationary law $\mu_{\pi}$, children from $\pi (\cdot |x_{p(i)})$. The
 *       last position is a query drawn uniformly; the target is the whole row
 *       $\pi (\cdot |x_{T-1})$ and the loss is the cross-entropy against it
 *       ({@link org.causalheads.incontext.InContextTree}). The multi-parent variant keeps one
 *       Dirichlet row per parent tuple and predicts a hidden node $T$
 *       ({@link org.causalheads.incontext.InContextDag}).</li>
 *   <li><b>Near-reducible $\pi$.</b> Small $\alpha$ makes rows nearly one-hot and the chain nearly
 *       reducible, where the stationary vector is ill-conditioned. It is computed by GTH
 *       elimination (no subtractions); a vanishing pivot is floored at $10^{-300}$; the
 *       result is clipped at 0 and renormalised, and replaced by the uniform law if still not a
 *       finite probability vector. Dirichlet rows are drawn in the log domain, so no row is
 *       ever all zeros.</li>
 *   <li><b>Baselines.</b> Context-transition Bayes ({@link org.causalheads.incontext.SequenceTask#bayes}):
 *       Dirichlet-smoothed counts of the context's transitions out of the query's token (the roots'
 *       information about $\pi$ through $\mu_{\pi}$ is ignored, as in the authors' code, so a model
 *       can beat it). Full-context Bayes ({@link org.causalheads.incontext.PosteriorPredictive}):
 *       the posterior mean of $\pi(\cdot|x_{T-1})$ given the whole context, roots included, by
 *       importance sampling — the lower bound on any model's expected loss. Unigram: in-context
 *       token frequencies plus $\alpha$. Uniform: $\ln S$.</li>
 *   <li><b>Model.</b> Attention-only, disentangled: the residual stream is the concatenation
 *       of the one-hot embedding $[e_x; e_i]$ and every head's output, each head one
 *       bilinear score matrix and no value map ({@link org.causalheads.incontext.Transformer}).</li>
 *   <li><b>Metrics.</b> Mean attention on the true parent: layer-1 attention averaged over a
 *       fixed evaluation batch, mass on the parent, averaged over positions with a parent
 *       ({@link org.causalheads.incontext.AttentionSnapshot#meanParentAttention}); the authors'
 *       figure uses instead the causal softmax of the position block of $A_1$
 *       ({@link org.causalheads.incontext.Transformer#positionAttention}), reported as well.
 *       Induction score: last-layer attention of a row on its induction targets, the positions
 *       whose previous token equals the row's token ({@link org.causalheads.incontext.AttentionMetrics#inductionMass});
 *       averaged over the query rows that have a target, or over every row that has one
 *       ({@link org.causalheads.incontext.AttentionSnapshot}); both have ceiling 1.</li>
 *   <li><b>Theory.</b> {@link org.causalheads.incontext.GradientProbe}: the negative gradient
 *       of the layer-1 position block at a specific initialisation, sampled and to first order;
 *       {@link org.causalheads.incontext.ChiSquareInformation}: the $\chi^2$ mutual information
 *       between positions given $\pi$; {@link org.causalheads.incontext.RowAgreement}: how far two
 *       such matrices agree row by row. The class comments say which parts are derived and which
 *       are the project's reconstruction.</li>
 * </ul>
 *
 * <p>Reference settings (single parent): S = 10, T = 20, SGD lr 1 with cosine decay,
 * 2^17 steps $\times$ 1024. Random trees: 20 graphs, S = 3, T = 20, 2^14 $\times$ 1024. Multi-parent:
 * S = 5, T = 32, heads [2,1], AdamW 1e-2. These are for the {@code incontext-paper} command;
 * notebooks use the smaller budgets listed in the CLI's defaults.
 */
package org.causalheads.incontext;
