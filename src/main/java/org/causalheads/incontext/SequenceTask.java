package org.causalheads.incontext;

import org.causalheads.numeric.Rng;
/**
 * An in-context learning task: a distribution over sequences of {@link #seqLen()} tokens from
 * {@code [S] = 0..S-1} together with a target distribution for the next token, and the
 * predictors to compare a model with.
 *
 * <p>Sampling is seeded per sequence: sequence {@code b} of {@code sample(n, seed)} is drawn
 * with {@link Rng#derive(long, long) Rng.derive(seed, b)}, so a batch does not depend on how
 * it is split across threads.
 */
public interface SequenceTask {

    /** Alphabet size {@code S}. */
    int vocabSize();

    /** Model input length {@code T} (the query, if any, included). */
    int seqLen();

    /** Dirichlet concentration of the transition rows. */
    double alpha();

    /** A short name ("chain", "icl", "tree", "dag", ...). */
    String name();

    /**
     * The true parents of input position {@code i} (empty for a root and for the query): the
     * positions layer 1 should learn to attend to.
     */
    int[] parents(int i);

    /**
     * The task's graph in the attention layout ({@link org.causalheads.dag.Graph#parentMatrix()}):
     * {@code m[i][j] = 1} iff position {@code j} is a parent of position {@code i}.
     */
    default double[][] parentMatrix() {
        int t = seqLen();
        double[][] m = new double[t][t];
        for (int i = 0; i < t; i++) {
            for (int p : parents(i)) {
                m[i][p] = 1;
            }
        }
        return m;
    }

    /**
     * Writes one fresh sequence into {@code tokens[tOff..tOff+T)} and its target distribution
     * into {@code target[yOff..yOff+S)}, drawing everything from {@code rng}; {@code scratch}
     * comes from {@link #newScratch()}.
     */
    void sampleInto(Rng rng, int[] tokens, int tOff, double[] target, int yOff, double[] scratch);

    /** Working memory for {@link #sampleInto}, allocated once per thread. */
    double[] newScratch();

    /**
     * The Bayes-style predictor: the next-token distribution given only the sequence
     * {@code tokens[off..off+T)}, written to {@code out[0..S)}.
     */
    void bayes(int[] tokens, int off, double[] out);

    /** Positions that count as context for the unigram baseline. */
    int contextLength();

    /** {@code n} sequences drawn with stream seed {@code seed}. */
    default Batch sample(int n, long seed) {
        Batch b = new Batch(checkBatch(n), seqLen(), vocabSize());
        fill(b, 0, n, seed, 0);
        return b;
    }

    /** Fills sequences {@code from..to) of {@code batch} with stream items {@code first+from...}. */
    default void fill(Batch batch, int from, int to, long seed, long first) {
        Rng rng = new Rng(0);
        double[] scratch = newScratch();
        int t = seqLen();
        int s = vocabSize();
        for (int b = from; b < to; b++) {
            rng.reseed(Rng.derive(seed, first + b));
            sampleInto(rng, batch.tokens, b * t, batch.targets, b * s, scratch);
        }
    }

    /** The Bayes predictor for sequence {@code b} of a batch. */
    default double[] bayes(Batch batch, int b) {
        double[] out = new double[vocabSize()];
        bayes(batch.tokens, b * batch.seqLen, out);
        return out;
    }

    /** Mean cross-entropy (nats) of the Bayes predictor against the targets. */
    default double bayesLoss(Batch batch) {
        double[] p = new double[vocabSize()];
        double sum = 0;
        for (int b = 0; b < batch.size; b++) {
            bayes(batch.tokens, b * batch.seqLen, p);
            sum += Losses.crossEntropy(batch.targets, b * batch.vocabSize, p);
        }
        return sum / batch.size;
    }

    /**
     * Mean cross-entropy of the unigram baseline: in-context token frequencies of the first
     * {@link #contextLength()} positions, smoothed by adding {@link #alpha()} to every count.
     */
    default double unigramLoss(Batch batch) {
        int s = vocabSize();
        double[] p = new double[s];
        double sum = 0;
        for (int b = 0; b < batch.size; b++) {
            Losses.unigram(batch.tokens, b * batch.seqLen, contextLength(), s, alpha(), p);
            sum += Losses.crossEntropy(batch.targets, b * s, p);
        }
        return sum / batch.size;
    }

    /** Cross-entropy of the uniform predictor, {@code ln S}, whatever the targets. */
    default double uniformLoss() {
        return Math.log(vocabSize());
    }

    private static int checkBatch(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + n);
        }
        return n;
    }
}
