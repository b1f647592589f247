package org.causalheads.incontext;

/**
 * The gradient probe behind Nichani, Damian and Lee's argument: the layer-1 gradient at a
 * special initialisation, sampled and to first order, to be shown beside the learned layer-1
 * attention and the χ² information ({@link ChiSquareInformation}).
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
 * the way {@code x_i}'s parent does. {@link GradientProbe#firstOrderGradient} computes this prediction from
 * {@code π} directly; on the test tasks it matches the sampled gradient with row correlations
 * above 0.95 and slope ≈ 1. At the parent the cross term is a χ²-type (collision) information
 * between parent and child, and data processing makes it the row's largest entry; elsewhere it
 * is not a monotone function of the χ² information (see {@link GradientProbe#firstOrderGradient}), so the
 * gradient shares the row argmax of {@code I_χ²} but not its ranking of the other positions.
 * <i>Reconstruction:</i> the seed summaries state only that this gradient "encodes χ²-type
 * mutual information" and that its row argmax is the parent; the β-identity set-up is the
 * project's reading of the paper's reduced model, and the first-order formula is derived here,
 * not quoted.
 *
 */
public final class GradientProbe {

    /** Default β of the layer-2 identity block. */
    public static final double DEFAULT_BETA = 0.1;
    /** Sequences per sampling chunk. */
    static final int CHUNK = 2048;

    private GradientProbe() {
    }

    /** The model set-up described in the class comment, for {@code task}. */
    public static Transformer initialisedForTheory(SequenceTask task, double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be a positive finite number, got " + beta);
        }
        Transformer m = Transformer.zeros(task.vocabSize(), task.seqLen(), 1, 1);
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
        TransformerPasses ws = m.newPasses();
        Batch chunk = new Batch(Math.min(CHUNK, samples), t, s);
        for (int done = 0; done < samples; done += chunk.size) {
            int n = Math.min(chunk.size, samples - done);
            task.fill(chunk, 0, n, seed, done);
            for (int b = 0; b < n; b++) {
                ws.accumulate(chunk.tokens, b * t, chunk.targets, b * s, grad);
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
     * The first-order (in β) prediction of {@link #gradientAtInit}, computed from {@code π}
     * rather than from sampled sequences. With the cross term
     * <pre>{@code C(i, j) = E_π[ Σ_{a,b} P_π(x_i = a, x_j = b) · π(a|b) ]}</pre>
     * ({@code = S · E[π(x_i | q) 1{x_j = q}]} for the uniform query {@code q}; the joint given
     * {@code π} exact as in {@link ChiSquareInformation#chiSquareMutualInformation}, only the average over {@code π}
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
        double[][] c = PairJoints.averageOverPi(task, draws, seed, true, true, (joint, mu, pi) -> {
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
}
