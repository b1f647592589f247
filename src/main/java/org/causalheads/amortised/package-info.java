/**
 * Linear-Gaussian SEMs over many domains, per-task NOTEARS, and an ADAG-style amortised model
 * that maps a data matrix to a weighted adjacency zero-shot (Yin, Gao, Yu, "Learning Causal
 * Graphs at Scale: A Foundation Model Approach", arXiv 2506.18285).
 *
 * <h2>Definitions</h2>
 * <ul>
 *   <li><b>Data.</b> $X = X W + E$, $X \in \mathbb{R}^{n\times d}$ one sample a row, $W[i][j]$
 *       the weight of $i \to j$, $E$ i.i.d. $N(0, \sigma^2)$ (equal variances); the
 *       support of $W$ is a DAG in a topological order that is a random permutation of the
 *       variable labels ({@link org.causalheads.amortised.LinearSem}). Weights $\pm U[0.5, 2]$
 *       and Erdős–Rényi graphs with $k\cdot d$ expected edges ("ER-k"), as in NOTEARS.</li>
 *   <li><b>Settings</b> ({@link org.causalheads.amortised.Domains}): (a) one DAG, weights drawn
 *       afresh per domain; (b) a different DAG per domain, one shared order; (c) a different DAG
 *       per domain, each in its own random order (the domains share only the generating law:
 *       edge density, weight law and noise), the ADAG paper's second open question, general
 *       graphs without a shared order.</li>
 *   <li><b>Sample sizes</b>: by default $n = \lceil d/2\rceil, d, 2d, 5d, 10d$
 *       ({@link org.causalheads.amortised.ZeroShotBenchmark#defaultNs(int)}). Below $n = d$ the
 *       sample covariance is singular; the model's statistics use a ridge-regularised precision
 *       and its refit and sort by variance a ridge, NOTEARS an $\ell_1$ penalty, so every method
 *       returns an estimate there; standardising needs $n \ge 2$.</li>
 *   <li><b>Acyclicity</b> $h(W) = \operatorname{tr}(\exp(W\circ W)) - d$, gradient $\exp(W\circ W)^{\top} \circ 2W$
 *       ({@link org.causalheads.amortised.Acyclicity}); the matrix exponential by scaling and
 *       squaring of a Taylor series ({@link org.causalheads.amortised.Expm}; EJML has none).</li>
 *   <li><b>NOTEARS</b> ({@link org.causalheads.amortised.Notears}): least squares
 *       $\frac{1}{2n}\|X - XW\|_F^2 + \lambda_1 |W|_1$ under $h(W) = 0$ by NOTEARS' augmented
 *       Lagrangian ($\rho \times 10$ until $h$ falls by 4, $\alpha += \rho h$,
 *       $h_{\mathrm{tol}} = 10^{-8}$, $\rho_{\max} = 10^{16}$); edges $|W| \gt 0.3$.</li>
 *   <li><b>Metrics</b>: SHD and directed F1 of {@link org.causalheads.dag.Metrics}, after
 *       relabelling variables by their rank in the true order.</li>
 * </ul>
 *
 * <h2>Reconstructed by this project</h2>
 * The seed summary of the ADAG paper gives the ideas (tokens are variables, an attention-based
 * map from data to graph and parameters, trained across domains with no ground-truth graph by
 * least squares plus the acyclicity penalty under an augmented Lagrangian, zero-shot at test,
 * edges $|A| \gt 0.3$) but not the architecture; everything below is ours:
 * <ul>
 *   <li><b>NOTEARS' inner solver</b> is accelerated proximal gradient (FISTA with backtracking and
 *       restarts), not L-BFGS-B on the split $W^+ - W^{-}$.</li>
 *   <li><b>Tokens</b> ({@link org.causalheads.amortised.Moments},
 *       {@link org.causalheads.amortised.AmortisedModel}): variable $i$'s token is row
 *       $i$ of the sample correlations, row $i$ of the partial correlations of a
 *       ridge-regularised precision matrix ($(C + 0.1 I)^{-1}$), and a learned embedding; these
 *       are averages over samples, so any $n$ works and sample order does not matter.</li>
 *   <li><b>One attention layer with sigmoid scores</b> $s_{ij} = q_i \cdot k_j/\sqrt{m} + u_1|C_{ij}| +
 *       u_2|R_{ij}| + u_3(\log S_{jj} - \log S_{ii}) + c$ gives edge gates $g_{ij} = \sigma (s_{ij})$
 *       (diagonal 0), starting near 0 ($c = -3$). The scale feature $\log S_{jj} - \log S_{ii}$
 *       was added after a first version without it learned the shared order of setting (b)
 *       poorly: with equal noise variances, variance tends to grow along the order
 *       ("varsortability", Reisach et al. 2021), a cue least squares exploits too.</li>
 *   <li><b>The weights are not read from the attention.</b> We designed the model from the start
 *       with a closed-form refit: column $j$ of $\hat A$ is the ridge regression of
 *       variable $j$ on the gated candidates, $\hat A_{\cdot j} = D(DSD + (\gamma /n)I)^{-1} D S_{\cdot j}$
 *       with $D = \operatorname{diag}(g_{\cdot j})$, which is the posterior mode under the prior
 *       $\hat A_{ij} \sim N(0, g_{ij}^2/\gamma)$ ($\gamma = 1$). The attention therefore outputs a learned,
 *       data-dependent prior over edges (what the domains share) and each domain's data set the
 *       weights; as $n$ grows the prior washes out. A pure attention-to-weights map was not
 *       built or measured. An optional second pass recomputes the gates with the first pass's
 *       weights as an extra score term, $\sigma (s_{ij} + v|\hat A^1_{ij}| + c_2)$, and refits (an
 *       adaptive-ridge step).</li>
 *   <li><b>Training</b> ({@link org.causalheads.amortised.AmortisedTrainer}): the mean over
 *       domains of $\frac{1}{2n}\|X - X\hat A(X)\|^2 + \lambda_1 |\hat A|_1 + \alpha h(\hat A) + \frac{\rho}{2}h(\hat A)^2$ ($\lambda_1 = 0.1$),
 *       Adam on minibatches of domains, the backward pass written by hand (tested against
 *       central differences), NOTEARS' $\rho$/$\alpha$ rule applied every few hundred steps to
 *       the mean acyclicity of the training domains, $\rho$ capped (default $10^4$).</li>
 *   <li><b>Tetrad's continuous baselines</b> ({@link org.causalheads.baselines.ContinuousSearch}):
 *       PC with the Fisher Z test ($\alpha = 0.01$), FGES and BOSS with the SEM BIC score
 *       (penalty discount 1), each on one held-out domain's sample. They return CPDAGs, scored
 *       as they are: an undirected edge is an adjacency of unknown orientation, costing 1 in SHD
 *       on a true adjacency (like a reversal) and never a correct directed edge; skeleton SHD and
 *       F1 compare adjacencies alone for every method. On a sample with a singular covariance
 *       ($n \le d$ among them) they are not run and the row records why.</li>
 * </ul>
 */
package org.causalheads.amortised;
