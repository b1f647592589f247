package org.causalheads.incontext;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.causalheads.numeric.Rng;
import org.causalheads.numeric.Stationary;
import org.causalheads.numeric.Statistics;

/**
 * The Bayes-optimal predictor of a single-parent task ({@link InContextTree}): the posterior mean
 * of the query's row {@code π(·|q)} given the <i>whole</i> context, roots included, computed by
 * importance sampling. Its held-out cross-entropy is a true lower bound (up to Monte-Carlo error)
 * for any model's, unlike the context-transition baseline {@link InContextTree#bayes}.
 *
 * <p><b>Generative model</b> (exactly that of {@link InContextTree#sampleInto}): rows of
 * {@code π} independent Dirichlet({@code α·1_S}); each root {@code r} drawn from the stationary
 * law {@code μ_π} (computed by {@link Stationary#gth}, clipped as the sampler does); each child
 * from {@code π(·|x_{p(i)})}; the query uniform and independent of {@code π}. So the likelihood
 * of a context is {@code Π_roots μ_π(x_r) · Π_a Π_b π(b|a)^{c_ab}}, with {@code c_ab} the number
 * of (parent = a → child = b) transitions, and the posterior is
 * <pre>
 *   p(π | x) ∝ Π_a Dirichlet(π_a; α + c_a) · Π_s μ_π(s)^{n_s},      n_s = #{roots with x_r = s}.
 * </pre>
 * The first factor is the conjugate posterior given the transitions alone — whose mean is the
 * context-transition baseline — and it is the proposal here; the second is the importance weight.
 * The estimate is the self-normalised average of {@code π(·|q)} over {@code draws} proposals.
 * With the weights set to one ({@link #ignoringRoots()}) it converges to the context-transition
 * baseline instead.
 *
 * <p><b>Why a lower bound.</b> The loss is {@code −Σ_s π(s|q) ln p(s)}; for any predictor
 * {@code p(x)} its expectation over {@code π} given {@code x} is
 * {@code H(m) + KL(m ‖ p)} with {@code m = E[π(·|q) | x]}, minimised by {@code p = m}. So the
 * Bayes loss is {@code E_x[H(m(x))]}, and no function of the context does better in expectation.
 * Two estimates on a batch: the cross-entropy of {@code m̂} against the targets (Monte-Carlo
 * noise in {@code m̂} adds {@code KL(m ‖ m̂) ≥ 0}, so it is biased up by {@code O(1/ESS)}), and the
 * mean posterior entropy {@code H(m̂)} ({@code H} is concave, so it is biased down, and it carries
 * no noise from the targets); see {@link Bound}.
 *
 * <p>Sequence {@code b} of a batch uses its own stream {@code Rng.derive(seed, b)}, so results do
 * not depend on the thread count.
 */
public final class PosteriorPredictive {

    /** Default number of importance draws per sequence. */
    public static final int DEFAULT_DRAWS = 4096;

    private final InContextTree task;
    private final int draws;
    private final boolean useRoots;

    private PosteriorPredictive(InContextTree task, int draws, boolean useRoots) {
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
        if (draws < 1) {
            throw new IllegalArgumentException("importance draws must be >= 1, got " + draws);
        }
        this.task = task;
        this.draws = draws;
        this.useRoots = useRoots;
    }

    /** The full-context posterior predictive of {@code task} with {@code draws} importance draws per sequence. */
    public static PosteriorPredictive of(InContextTree task, int draws) {
        return new PosteriorPredictive(task, draws, true);
    }

    /**
     * The same sampler with every importance weight set to one: an estimate of the posterior mean
     * given the context's transitions only (the context-transition baseline), for comparison.
     */
    public PosteriorPredictive ignoringRoots() {
        return new PosteriorPredictive(task, draws, false);
    }

    /** Importance draws per sequence. */
    public int draws() {
        return draws;
    }

    /**
     * One sequence's estimate.
     *
     * @param mean the estimated posterior mean of {@code π(·|x_{T−1})} (a distribution over [S])
     * @param ess  Kish's effective sample size {@code (Σw)²/Σw²} of the importance weights, in
     *             {@code [1, draws]}
     */
    public record Estimate(double[] mean, double ess) {
    }

    /** The posterior predictive for {@code tokens[off..off+T)} (the query is the last token), drawn from {@code rng}. */
    public Estimate predict(int[] tokens, int off, Rng rng) {
        int s = task.vocabSize();
        int t = task.seqLen();
        if (tokens == null || off < 0 || off + t > tokens.length) {
            throw new IllegalArgumentException("expected " + t + " tokens from offset " + off + ", got an array of length "
                    + (tokens == null ? "null" : String.valueOf(tokens.length)));
        }
        for (int i = 0; i < t; i++) {
            int x = tokens[off + i];
            if (x < 0 || x >= s) {
                throw new IllegalArgumentException("token " + x + " at position " + i + " is outside 0.." + (s - 1));
            }
        }
        int[] parent = task.parentArray();
        double alpha = task.alpha();
        double[] shape = new double[s * s];
        Arrays.fill(shape, alpha);
        int[] rootCount = new int[s];
        for (int i = 0; i < parent.length; i++) {
            if (parent[i] < 0) {
                rootCount[tokens[off + i]]++;
            } else {
                shape[tokens[off + parent[i]] * s + tokens[off + i]] += 1;
            }
        }
        int q = tokens[off + t - 1];
        double[] pi = new double[s * s];
        double[] work = new double[s * s];
        double[] mu = new double[s];
        double[] acc = new double[s];
        double logMax = Double.NEGATIVE_INFINITY;
        double sumW = 0;
        double sumW2 = 0;
        for (int k = 0; k < draws; k++) {
            for (int a = 0; a < s; a++) {
                int row = a * s;
                double max = Double.NEGATIVE_INFINITY;
                for (int b = 0; b < s; b++) {
                    double g = rng.nextLogGamma(shape[row + b]);
                    pi[row + b] = g;
                    max = Math.max(max, g);
                }
                double z = 0;
                for (int b = 0; b < s; b++) {
                    double e = Math.exp(pi[row + b] - max);
                    pi[row + b] = e;
                    z += e;
                }
                for (int b = 0; b < s; b++) {
                    pi[row + b] /= z;
                }
            }
            double logW = 0;
            if (useRoots) {
                Stationary.gth(pi, 0, s, work, 0, mu, 0);
                for (int a = 0; a < s; a++) {
                    if (rootCount[a] > 0) {
                        logW += rootCount[a] * Math.log(mu[a]);
                    }
                }
            }
            if (logW == Double.NEGATIVE_INFINITY) {
                continue;
            }
            if (logW > logMax) {
                // rescale what has been accumulated to the new maximum
                double f = Math.exp(logMax - logW);
                sumW *= f;
                sumW2 *= f * f;
                for (int a = 0; a < s; a++) {
                    acc[a] *= f;
                }
                logMax = logW;
            }
            double w = Math.exp(logW - logMax);
            sumW += w;
            sumW2 += w * w;
            for (int a = 0; a < s; a++) {
                acc[a] += w * pi[q * s + a];
            }
        }
        if (!(sumW > 0)) {
            throw new IllegalStateException("every one of the " + draws + " importance weights vanished for the roots "
                    + Arrays.toString(rootCount) + "; use more draws");
        }
        double[] mean = new double[s];
        for (int a = 0; a < s; a++) {
            mean[a] = acc[a] / sumW;
        }
        return new Estimate(mean, sumW * sumW / sumW2);
    }

    /**
     * The bound on a batch, paired with the context-transition baseline on the same sequences.
     *
     * @param sequences       sequences in the batch
     * @param draws           importance draws per sequence
     * @param loss            per sequence: cross-entropy of the posterior predictive against the target
     * @param contextLoss     per sequence: cross-entropy of the context-transition baseline
     *                        ({@link InContextTree#bayes})
     * @param entropy         per sequence: entropy of the estimated posterior predictive
     * @param ess             per sequence: effective sample size of the importance weights
     */
    public record Bound(int sequences, int draws, double[] loss, double[] contextLoss, double[] entropy, double[] ess) {

        /** Mean cross-entropy of the posterior predictive against the targets (the bound's estimate). */
        public double meanLoss() {
            return mean(loss);
        }

        /** Mean cross-entropy of the context-transition baseline on the same sequences. */
        public double meanContextLoss() {
            return mean(contextLoss);
        }

        /**
         * Mean entropy of the estimated posterior predictive: another estimate of the Bayes loss,
         * with Monte-Carlo bias of the opposite sign to {@link #meanLoss()}'s and no noise from the
         * targets.
         */
        public double meanEntropy() {
            return mean(entropy);
        }

        /** Mean of (bound − baseline) per sequence: negative when the roots help. */
        public double meanDifference() {
            double[] d = new double[loss.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = loss[i] - contextLoss[i];
            }
            return mean(d);
        }

        /** Standard error of {@link #meanDifference()} across sequences. */
        public double differenceStandardError() {
            double[] d = new double[loss.length];
            for (int i = 0; i < loss.length; i++) {
                d[i] = loss[i] - contextLoss[i];
            }
            return Statistics.standardError(d);
        }

        /** Standard error of {@link #meanLoss()} across sequences (target noise; the batch is a sample). */
        public double lossStandardError() {
            return Statistics.standardError(loss);
        }

        /** Smallest effective sample size over the batch. */
        public double minEss() {
            return Arrays.stream(ess).min().orElse(Double.NaN);
        }

        /** Mean effective sample size over the batch. */
        public double meanEss() {
            return mean(ess);
        }

        private static double mean(double[] v) {
            return Arrays.stream(v).average().orElse(Double.NaN);
        }
    }

    /**
     * The bound on {@code batch} (drawn from this estimator's task), sequence {@code b} estimated
     * with stream {@code Rng.derive(seed, b)}; sequences are spread over the common pool.
     */
    public Bound bound(Batch batch, long seed) {
        if (batch == null) {
            throw new IllegalArgumentException("batch must not be null");
        }
        if (batch.seqLen != task.seqLen() || batch.vocabSize != task.vocabSize()) {
            throw new IllegalArgumentException("batch has T=" + batch.seqLen + ", S=" + batch.vocabSize
                    + " but the task has T=" + task.seqLen() + ", S=" + task.vocabSize());
        }
        int n = batch.size;
        int s = task.vocabSize();
        double[] loss = new double[n];
        double[] context = new double[n];
        double[] entropy = new double[n];
        double[] ess = new double[n];
        IntStream.range(0, n).parallel().forEach(b -> {
            Estimate e = predict(batch.tokens, b * batch.seqLen, new Rng(Rng.derive(seed, b)));
            loss[b] = Losses.crossEntropy(batch.targets, b * s, e.mean());
            entropy[b] = Losses.crossEntropy(e.mean(), 0, e.mean());
            double[] p = new double[s];
            task.bayes(batch.tokens, b * batch.seqLen, p);
            context[b] = Losses.crossEntropy(batch.targets, b * s, p);
            ess[b] = e.ess();
        });
        return new Bound(n, draws, loss, context, entropy, ess);
    }
}
