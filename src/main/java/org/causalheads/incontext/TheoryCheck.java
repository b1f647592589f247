package org.causalheads.incontext;

/**
 * The two matrices behind the paper's argument, estimated from samples of a task, to be shown
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
 * gradient over fresh samples. To first order in {@code β} its entry {@code (i, j)} is
 * {@code (β / (T(i+1))) · Cov(π(x_i | x_{T-1}) − p(x_i), 1{x_j = x_{T-1}})}, which is large when
 * {@code x_j} predicts what follows the query's token the way {@code x_i}'s parent does — a
 * χ²-type dependence between {@code x_i} and {@code x_j}. <i>Reconstruction:</i> the seed
 * summaries state only that this gradient "encodes χ²-type mutual information" and that its row
 * argmax is the parent; the β-identity set-up is the project's reading of the paper's reduced
 * model, and the first-order formula is derived here, not quoted.
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
 */
public final class TheoryCheck {

    /** Default β of the layer-2 identity block. */
    public static final double DEFAULT_BETA = 0.1;
    /** Sequences per sampling chunk. */
    private static final int CHUNK = 2048;

    private TheoryCheck() {
    }

    /** The model set-up described in the class comment, for {@code task}. */
    public static Transformer initialisedForTheory(Task task, double beta) {
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
    public static double[][] gradientAtInit(Task task, int samples, double beta, long seed) {
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

    /** {@link #gradientAtInit(Task, int, double, long)} with β = 0.1 and seed 7. */
    public static double[][] gradientAtInit(Task task, int samples) {
        return gradientAtInit(task, samples, DEFAULT_BETA, 7);
    }

    /**
     * Plug-in {@code I_χ²(x_i; x_j)} with {@code π} marginalised out, for every pair {@code j < i}
     * of the task's {@code T} positions, from {@code samples} sequences; a {@code T×T} matrix,
     * zero on and above the diagonal.
     */
    public static double[][] marginalChiSquareMutualInformation(Task task, int samples, long seed) {
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
     * positions (the query, independent of the rest, gets zeros), averaged over {@code draws}
     * transition matrices; a {@code T×T} matrix, zero on and above the diagonal.
     */
    public static double[][] chiSquareMutualInformation(InContextTree task, int draws, long seed) {
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
        // lowest common ancestor and distances, -1 if in different trees
        int[][] lca = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
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
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    int c = lca[i][j];
                    if (c < 0) {
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
                    double acc = 0;
                    for (int a = 0; a < s; a++) {
                        for (int b = 0; b < s; b++) {
                            double pab = joint[a * s + b];
                            if (pab > 0 && mu[a] > 0 && mu[b] > 0) {
                                acc += pab * pab / (mu[a] * mu[b]);
                            }
                        }
                    }
                    out[i][j] += acc - 1;
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
}
