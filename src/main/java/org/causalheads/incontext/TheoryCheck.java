package org.causalheads.incontext;

import org.causalheads.numeric.Statistics;
import org.causalheads.numeric.Stationary;
import org.causalheads.numeric.Rng;
/**
 * The matrices behind the paper's argument, estimated from samples of a task, to be shown
 * side by side with the learned layer-1 attention.
 *
 * <p><b>Gradient at initialisation</b> ({@link #gradientAtInit}). A two-layer, one-head-per-layer
 * model is set to: layer-1 {@code A₁ = 0} (uniform causal attention); layer-2 {@code A₂} equal to
 * {@code β} times the identity between the query's own token block and the token block of the
 * layer-1 head's output (so layer 2 scores position {@code j} by {@code β} times the layer-1
 * attention mass that {@code j} puts on tokens equal to the query); the read-out {@code W} the
 * identity from the token block of the layer-2 head's output to the logits (predict the tokens
 * layer 2 attends to). The negative gradient of the population loss with respect to the
 * position–position block {@code A₁[S+i, S+j]} is estimated by averaging the hand-written
 * gradient over fresh samples. To first order in {@code β} its entry {@code (i, j ≤ i)} is
 * {@code (β / (T(i+1))) · (c_ij − mean_{j' ≤ i} c_ij')} with
 * {@code c_ij = Cov(π(x_i | x_{T-1}), 1{x_j = x_{T-1}})} (the mean is the softmax's centring at
 * uniform attention), which is large when {@code x_j} predicts what follows the query's token
 * the way {@code x_i}'s parent does. {@link #firstOrderGradient} computes this prediction from
 * {@code π} directly; on the test tasks it matches the sampled gradient with row correlations
 * above 0.95 and slope ≈ 1. At the parent the cross term is a χ²-type (collision) information
 * between parent and child, and data processing makes it the row's largest entry; elsewhere it
 * is not a monotone function of the χ² information (see {@link #firstOrderGradient}), so the
 * gradient shares the row argmax of {@code I_χ²} but not its ranking of the other positions.
 * <i>Reconstruction:</i> the seed summaries state only that this gradient "encodes χ²-type
 * mutual information" and that its row argmax is the parent; the β-identity set-up is the
 * project's reading of the paper's reduced model, and the first-order formula is derived here,
 * not quoted.
 *
 * <p><b>χ² mutual information</b>, {@code I_χ²(x_i; x_j) = Σ_{a,b} P(a,b)² / (P(a)P(b)) − 1}, in
 * two versions:
 * <ul>
 *   <li>{@link #chiSquareMutualInformation(InContextTree, int, long)} — given {@code π}, then
 *       averaged over {@code π}: {@code E_π[I_χ²(x_i; x_j | π)]}. For a forest the joint given
 *       {@code π} is exact: every position is {@code μ_π}-distributed, and with lowest common
 *       ancestor {@code c} at distances {@code d_i, d_j},
 *       {@code P(a,b) = Σ_s μ_π(s) π^{d_i}(s,a) π^{d_j}(s,b)} (zero MI across trees); only the
 *       average over {@code π} is Monte Carlo. <i>Derived:</i> given {@code π} the sequence is a
 *       Markov random field on the tree, so by data processing ({@code I_χ²} is an
 *       f-information) a child shares at least as much information with its parent as with any
 *       other position; this is the matrix whose row argmax the theory says is the parent.</li>
 *   <li>{@link #marginalChiSquareMutualInformation} — the joint of {@code (x_i, x_j)} under the
 *       sequence distribution with {@code π} marginalised out, by plug-in pair counts (positive
 *       bias about {@code (S−1)²/n}). Because the Dirichlet prior is symmetric in the labels, this
 *       joint only records how often {@code x_i = x_j}: with α = 0.1 the nearly deterministic
 *       rows create 2-cycles, and on the chain its row argmax is {@code i−2}, not the parent.
 *       Kept to show that the in-context (given-{@code π}) information is what matters.</li>
 * </ul>
 *
 * <p><b>Agreement beyond the argmax</b> is measured row by row: {@link #rowPearson} and
 * {@link #rowSpearman} correlate the entries {@code j < i} of row {@code i} of two matrices
 * (Spearman on mid-ranks, so ties — e.g. the exact zeros of the χ² information across trees —
 * share a rank); {@link #meanOverChildRows} averages a per-row quantity over the rows that have
 * a parent, where the claim applies.
 */
public final class TheoryCheck {

    /** Default β of the layer-2 identity block. */
    public static final double DEFAULT_BETA = 0.1;
    /** Sequences per sampling chunk. */
    private static final int CHUNK = 2048;

    private TheoryCheck() {
    }

    /** The model set-up described in the class comment, for {@code task}. */
    public static Transformer initialisedForTheory(SequenceTask task, double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be a positive finite number, got " + beta);
        }
        Transformer m = Transformer.zeros(task, 1, 1);
        int s = task.vocabSize();
        int d0 = m.width(0);
        int d1 = m.width(1);
        for (int a = 0; a < s; a++) {
            m.setAttentionEntry(1, 0, a, d0 + a, beta);
            m.setReadoutEntry(d1 + a, a, 1);
        }
        return m;
    }

    /**
     * The negative gradient of the loss with respect to the layer-1 position–position block at
     * the theory initialisation, averaged over {@code samples} sequences: a {@code T×T} matrix,
     * entries with {@code j > i} zero.
     */
    public static double[][] gradientAtInit(SequenceTask task, int samples, double beta, long seed) {
        if (samples <= 0) {
            throw new IllegalArgumentException("samples must be positive, got " + samples);
        }
        Transformer m = initialisedForTheory(task, beta);
        int t = task.seqLen();
        int s = task.vocabSize();
        int d0 = m.width(0);
        double[] grad = new double[m.parameterCount()];
        Transformer.Workspace ws = m.newWorkspace();
        Batch chunk = new Batch(Math.min(CHUNK, samples), t, s);
        for (int done = 0; done < samples; done += chunk.size) {
            int n = Math.min(chunk.size, samples - done);
            task.fill(chunk, 0, n, seed, done);
            for (int b = 0; b < n; b++) {
                m.accumulate(chunk.tokens, b * t, chunk.targets, b * s, grad, ws);
            }
        }
        double[][] out = new double[t][t];
        int off = m.offsetA(0, 0);
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= i; j++) {
                out[i][j] = -grad[off + (s + i) * d0 + s + j] / samples;
            }
        }
        return out;
    }

    /** {@link #gradientAtInit(SequenceTask, int, double, long)} with β = 0.1 and seed 7. */
    public static double[][] gradientAtInit(SequenceTask task, int samples) {
        return gradientAtInit(task, samples, DEFAULT_BETA, 7);
    }

    /**
     * Plug-in {@code I_χ²(x_i; x_j)} with {@code π} marginalised out, for every pair {@code j < i}
     * of the task's {@code T} positions, from {@code samples} sequences; a {@code T×T} matrix,
     * zero on and above the diagonal.
     */
    public static double[][] marginalChiSquareMutualInformation(SequenceTask task, int samples, long seed) {
        if (samples <= 0) {
            throw new IllegalArgumentException("samples must be positive, got " + samples);
        }
        int t = task.seqLen();
        int s = task.vocabSize();
        int ss = s * s;
        long[] pair = new long[t * t * ss];
        long[] single = new long[t * s];
        Batch chunk = new Batch(Math.min(CHUNK, samples), t, s);
        for (int done = 0; done < samples; done += chunk.size) {
            int n = Math.min(chunk.size, samples - done);
            task.fill(chunk, 0, n, seed, done);
            for (int b = 0; b < n; b++) {
                int o = b * t;
                for (int i = 0; i < t; i++) {
                    int xi = chunk.tokens[o + i];
                    single[i * s + xi]++;
                    int base = i * t * ss + xi * s;
                    for (int j = 0; j < i; j++) {
                        pair[base + j * ss + chunk.tokens[o + j]]++;
                    }
                }
            }
        }
        double[][] out = new double[t][t];
        double nInv = 1.0 / samples;
        for (int i = 1; i < t; i++) {
            for (int j = 0; j < i; j++) {
                double acc = 0;
                for (int a = 0; a < s; a++) {
                    double pa = single[i * s + a] * nInv;
                    if (pa == 0) {
                        continue;
                    }
                    for (int b = 0; b < s; b++) {
                        double pb = single[j * s + b] * nInv;
                        double pab = pair[i * t * ss + j * ss + a * s + b] * nInv;
                        if (pab > 0) {
                            acc += pab * pab / (pa * pb);
                        }
                    }
                }
                out[i][j] = acc - 1;
            }
        }
        return out;
    }

    /**
     * {@code E_π[I_χ²(x_i; x_j | π)]} for every pair {@code j < i} of the task's {@code T}
     * positions (the query, independent of the rest, gets zeros, as do pairs in different trees),
     * averaged over {@code draws} transition matrices; a {@code T×T} matrix, zero on and above
     * the diagonal.
     */
    public static double[][] chiSquareMutualInformation(InContextTree task, int draws, long seed) {
        int s = task.vocabSize();
        return averageOverPi(task, draws, seed, false, false, (joint, mu, pi) -> {
            double acc = 0;
            for (int a = 0; a < s; a++) {
                for (int b = 0; b < s; b++) {
                    double pab = joint[a * s + b];
                    if (pab > 0 && mu[a] > 0 && mu[b] > 0) {
                        acc += pab * pab / (mu[a] * mu[b]);
                    }
                }
            }
            return acc - 1;
        });
    }

    /**
     * The first-order (in β) prediction of {@link #gradientAtInit}, computed from {@code π}
     * rather than from sampled sequences. With the cross term
     * <pre>{@code C(i, j) = E_π[ Σ_{a,b} P_π(x_i = a, x_j = b) · π(a|b) ]}</pre>
     * ({@code = S · E[π(x_i | q) 1{x_j = q}]} for the uniform query {@code q}; the joint given
     * {@code π} exact as in {@link #chiSquareMutualInformation}, only the average over {@code π}
     * Monte Carlo, {@code draws} matrices), entry {@code (i, j ≤ i)} of a context row is
     * <pre>{@code β / (S·T·(i+1)) · (C(i, j) − mean_{j' ≤ i} C(i, j'))}</pre>
     * — the centring is the softmax's Jacobian at uniform attention. The query row (its layer-1
     * output is not read by layer 2 in this set-up) is left zero. <i>Derived here</i>, from the
     * covariance in the class comment: with layer 2 at β → 0 the model's prediction does not
     * depend on the query, so its own term drops out.
     *
     * <p>At {@code j = p(i)}, {@code C = E_π[Σ_b μ(b) Σ_a π(a|b)²]}, a χ²-type (collision)
     * information between parent and child. For other {@code j} it is the inner product of
     * {@code P_π(x_i = · | x_j = b)} with {@code π(·|b)}: by Cauchy–Schwarz and data processing
     * never above the parent's value, but, unlike {@code I_χ²}, not monotone in the dependence —
     * with α = 0.1, 2-cycles make {@code x_i = x_j} likely two steps away, and "the query's own
     * token comes next" is usually wrong, so those entries fall below the row mean.
     */
    public static double[][] firstOrderGradient(InContextTree task, int draws, double beta, long seed) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be a positive finite number, got " + beta);
        }
        int s = task.vocabSize();
        int t = task.seqLen();
        double[][] c = averageOverPi(task, draws, seed, true, true, (joint, mu, pi) -> {
            double acc = 0;
            for (int a = 0; a < s; a++) {
                for (int b = 0; b < s; b++) {
                    acc += joint[a * s + b] * pi[b * s + a];
                }
            }
            return acc;
        });
        for (int i = 0; i < task.parentArray().length; i++) {
            double mean = 0;
            for (int j = 0; j <= i; j++) {
                mean += c[i][j];
            }
            mean /= i + 1;
            double scale = beta / ((double) s * t * (i + 1));
            for (int j = 0; j <= i; j++) {
                c[i][j] = scale * (c[i][j] - mean);
            }
        }
        return c;
    }

    /** A function of the exact joint law of {@code (x_i, x_j)} given one {@code π}. */
    @FunctionalInterface
    private interface PairFunctional {
        /**
         * @param joint {@code joint[a·S + b] = P_π(x_i = a, x_j = b)}
         * @param mu    the stationary law of {@code π} (the marginal of every position)
         * @param pi    {@code π} row-major, {@code pi[b·S + a] = π(a|b)}
         */
        double value(double[] joint, double[] mu, double[] pi);
    }

    /**
     * {@code E_π[f(P_π(x_i, x_j))]} for every pair {@code j < i} of context positions, and
     * {@code j = i} too if {@code diagonal}. Pairs in different trees (independent given π) get
     * {@code f(μ⊗μ)} if {@code acrossTrees}, else 0; the query row stays 0.
     */
    private static double[][] averageOverPi(InContextTree task, int draws, long seed, boolean acrossTrees,
                                            boolean diagonal, PairFunctional f) {
        if (draws <= 0) {
            throw new IllegalArgumentException("draws must be positive, got " + draws);
        }
        int t = task.seqLen();
        int s = task.vocabSize();
        int[] parent = task.parentArray();
        int n = parent.length;
        int[] depth = new int[n];
        for (int i = 0; i < n; i++) {
            depth[i] = parent[i] < 0 ? 0 : depth[parent[i]] + 1;
        }
        int maxDepth = 0;
        for (int d : depth) {
            maxDepth = Math.max(maxDepth, d);
        }
        // lowest common ancestor, -1 if in different trees
        int[][] lca = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                int a = i;
                int b = j;
                while (a != b && a >= 0 && b >= 0) {
                    if (depth[a] >= depth[b]) {
                        a = parent[a];
                    } else {
                        b = parent[b];
                    }
                }
                lca[i][j] = a == b ? a : -1;
            }
        }
        double[][] out = new double[t][t];
        double[] pi = new double[s * s];
        double[] work = new double[s * s];
        double[] mu = new double[s];
        double[][] pow = new double[maxDepth + 1][s * s];
        double[] joint = new double[s * s];
        Rng rng = new Rng(0);
        for (int draw = 0; draw < draws; draw++) {
            rng.reseed(Rng.derive(seed, draw));
            for (int a = 0; a < s; a++) {
                rng.nextDirichlet(task.alpha(), pi, a * s, s);
            }
            Stationary.gth(pi, 0, s, work, 0, mu, 0);
            java.util.Arrays.fill(pow[0], 0);
            for (int a = 0; a < s; a++) {
                pow[0][a * s + a] = 1;
            }
            for (int d = 1; d <= maxDepth; d++) {
                double[] prev = pow[d - 1];
                double[] cur = pow[d];
                java.util.Arrays.fill(cur, 0);
                for (int a = 0; a < s; a++) {
                    for (int m = 0; m < s; m++) {
                        double v = prev[a * s + m];
                        if (v != 0) {
                            for (int b = 0; b < s; b++) {
                                cur[a * s + b] += v * pi[m * s + b];
                            }
                        }
                    }
                }
            }
            double independent = 0;
            if (acrossTrees) {
                for (int a = 0; a < s; a++) {
                    for (int b = 0; b < s; b++) {
                        joint[a * s + b] = mu[a] * mu[b];
                    }
                }
                independent = f.value(joint, mu, pi);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < (diagonal ? i + 1 : i); j++) {
                    int c = lca[i][j];
                    if (c < 0) {
                        out[i][j] += independent;
                        continue;
                    }
                    double[] pi1 = pow[depth[i] - depth[c]];
                    double[] pj = pow[depth[j] - depth[c]];
                    java.util.Arrays.fill(joint, 0);
                    for (int m = 0; m < s; m++) {
                        if (mu[m] == 0) {
                            continue;
                        }
                        for (int a = 0; a < s; a++) {
                            double w = mu[m] * pi1[m * s + a];
                            if (w == 0) {
                                continue;
                            }
                            for (int b = 0; b < s; b++) {
                                joint[a * s + b] += w * pj[m * s + b];
                            }
                        }
                    }
                    out[i][j] += f.value(joint, mu, pi);
                }
            }
        }
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                row[j] /= draws;
            }
        }
        return out;
    }

    /** Fewest candidates {@code j < i} for which a row's correlation is reported. */
    public static final int MIN_ROW_ENTRIES = 3;

    /**
     * Per-row Pearson correlation of two lower-triangular matrices: for row {@code i}, the
     * correlation of {@code (a[i][j])_{j<i}} with {@code (b[i][j])_{j<i}}. NaN for rows with fewer
     * than {@link #MIN_ROW_ENTRIES} entries and for rows where either matrix is constant.
     *
     * @throws IllegalArgumentException if the matrices are not square of the same size
     */
    public static double[] rowPearson(double[][] a, double[][] b) {
        return rowCorrelation(a, b, false);
    }

    /**
     * Per-row Spearman rank correlation: {@link #rowPearson} applied to the mid-ranks of each
     * row's entries {@code j < i} (tied values get the mean of their ranks). Invariant under any
     * increasing transformation of either row.
     */
    public static double[] rowSpearman(double[][] a, double[][] b) {
        return rowCorrelation(a, b, true);
    }

    /**
     * Mean of {@code perRow[i]} over the positions {@code i} that have a parent in {@code task}
     * and a defined (non-NaN) value; NaN if there is none.
     *
     * @throws IllegalArgumentException if {@code perRow} does not have one entry per position
     */
    public static double meanOverChildRows(double[] perRow, SequenceTask task) {
        if (perRow.length != task.seqLen()) {
            throw new IllegalArgumentException("expected " + task.seqLen() + " rows, got " + perRow.length);
        }
        double sum = 0;
        int n = 0;
        for (int i = 0; i < perRow.length; i++) {
            if (task.parents(i).length > 0 && !Double.isNaN(perRow[i])) {
                sum += perRow[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double[] rowCorrelation(double[][] a, double[][] b, boolean ranks) {
        int t = a.length;
        if (b.length != t) {
            throw new IllegalArgumentException("matrices have " + t + " and " + b.length + " rows");
        }
        for (int i = 0; i < t; i++) {
            if (a[i].length != t || b[i].length != t) {
                throw new IllegalArgumentException("row " + i + " has " + a[i].length + " and " + b[i].length
                        + " entries; expected " + t + " (square matrices)");
            }
        }
        double[] out = new double[t];
        for (int i = 0; i < t; i++) {
            if (i < MIN_ROW_ENTRIES) {
                out[i] = Double.NaN;
                continue;
            }
            double[] x = java.util.Arrays.copyOf(a[i], i);
            double[] y = java.util.Arrays.copyOf(b[i], i);
            out[i] = ranks ? Statistics.spearman(x, y) : Statistics.pearson(x, y);
        }
        return out;
    }
}
