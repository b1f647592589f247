package org.causalheads.incontext;

import org.causalheads.numeric.Stationary;
import org.causalheads.numeric.Rng;
import java.util.Arrays;
import org.causalheads.dag.Dag;

/**
 * The single-parent task: a fixed latent forest over the context positions {@code 0..T-2},
 * each position with at most one parent {@code p(i) < i}, followed by a query at {@code T-1}.
 *
 * <p>Per sequence: a fresh transition matrix {@code π} whose rows are Dirichlet(α·1_S); roots
 * drawn from the stationary distribution {@code μ_π} (see {@link Stationary} for the
 * near-reducible case); each child {@code x_i ~ π(·|x_{p(i)})}; the query {@code x_{T-1}}
 * uniform on {@code [S]}; the target is the row {@code π(·|x_{T-1})}.
 *
 * <p>Bayes predictor: Dirichlet-smoothed transition counts,
 * {@code (α + #{i : p(i) exists, x_{p(i)} = x_{T-1}, x_i = s}) / (S·α + #{i : x_{p(i)} = x_{T-1}})}
 * — the posterior mean of {@code π(·|x_{T-1})} given the context's transitions (the information
 * the roots carry about {@code π} through {@code μ_π} is ignored, as in the authors' code).
 */
public final class InContextTree implements SequenceTask {

    /** Default Dirichlet concentration. */
    public static final double DEFAULT_ALPHA = 0.1;
    /** Default seed of random graph generators. */
    public static final long DEFAULT_GRAPH_SEED = 2024L;

    private final String name;
    private final int s;
    private final int t;
    private final double alpha;
    private final int[] parent;

    private InContextTree(String name, int vocab, int[] parent, double alpha) {
        checkVocab(vocab);
        checkAlpha(alpha);
        if (parent.length < 2) {
            throw new IllegalArgumentException("sequence length T = " + (parent.length + 1)
                    + " is too short: need T >= 3 (two context tokens and the query)");
        }
        for (int i = 0; i < parent.length; i++) {
            if (parent[i] < -1 || parent[i] >= i) {
                throw new IllegalArgumentException("parent " + parent[i] + " of position " + i
                        + " must be -1 (root) or an earlier position in 0.." + (i - 1));
            }
        }
        this.name = name;
        this.s = vocab;
        this.t = parent.length + 1;
        this.alpha = alpha;
        this.parent = parent.clone();
    }

    /** In-context Markov chain: {@code p(i) = i-1} for {@code i = 1..T-2}. */
    public static InContextTree chain(int vocab, int seqLen) {
        return chain(vocab, seqLen, DEFAULT_ALPHA);
    }

    /** In-context Markov chain with concentration {@code alpha}. */
    public static InContextTree chain(int vocab, int seqLen, double alpha) {
        int[] p = new int[checkLen(seqLen) - 1];
        for (int i = 0; i < p.length; i++) {
            p[i] = i - 1;
        }
        return new InContextTree("chain", vocab, p, alpha);
    }

    /**
     * In-context "few-shot" pairs: every odd position copies-through from the position before it
     * ({@code p(i) = i-1} for odd {@code i}), even positions are roots.
     */
    public static InContextTree icl(int vocab, int seqLen) {
        return icl(vocab, seqLen, DEFAULT_ALPHA);
    }

    /** {@link #icl(int, int)} with concentration {@code alpha}. */
    public static InContextTree icl(int vocab, int seqLen, double alpha) {
        int[] p = new int[checkLen(seqLen) - 1];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 2 == 1 ? i - 1 : -1;
        }
        return new InContextTree("icl", vocab, p, alpha);
    }

    /**
     * A random forest: position 0 is a root; each later context position is a root with
     * probability {@code rootProbability}, otherwise its parent is uniform on the earlier
     * positions. The authors' many-graphs experiment uses {@code rootProbability = 0.5}.
     */
    public static InContextTree randomTree(int vocab, int seqLen, double rootProbability, long graphSeed) {
        return randomTree(vocab, seqLen, rootProbability, graphSeed, DEFAULT_ALPHA);
    }

    /** {@link #randomTree(int, int, double, long)} with concentration {@code alpha}. */
    public static InContextTree randomTree(int vocab, int seqLen, double rootProbability, long graphSeed,
                                           double alpha) {
        if (!(rootProbability >= 0 && rootProbability <= 1)) {
            throw new IllegalArgumentException("root probability must be in [0, 1], got " + rootProbability);
        }
        int[] p = new int[checkLen(seqLen) - 1];
        Rng rng = new Rng(Rng.derive(graphSeed, 0));
        p[0] = -1;
        for (int i = 1; i < p.length; i++) {
            p[i] = rng.nextDouble() < rootProbability ? -1 : rng.nextInt(i);
        }
        return new InContextTree("tree", vocab, p, alpha);
    }

    /** An explicit forest: {@code parents[i]} is the parent of context position {@code i}, or -1. */
    public static InContextTree of(int vocab, int[] parents) {
        return of(vocab, parents, DEFAULT_ALPHA);
    }

    /** {@link #of(int, int[])} with concentration {@code alpha}. */
    public static InContextTree of(int vocab, int[] parents, double alpha) {
        if (parents == null) {
            throw new IllegalArgumentException("parent array must not be null");
        }
        return new InContextTree("graph", vocab, parents, alpha);
    }

    /**
     * The forest of a {@link Dag} over the context positions (so {@code T = dag.size() + 1});
     * every node must have at most one parent.
     */
    public static InContextTree of(int vocab, Dag dag, double alpha) {
        int[] p = new int[dag.size()];
        for (int i = 0; i < p.length; i++) {
            int k = dag.inDegree(i);
            if (k > 1) {
                throw new IllegalArgumentException("node " + i + " has " + k
                        + " parents; a single-parent task needs in-degree <= 1 (use InContextDag)");
            }
            p[i] = k == 0 ? -1 : dag.parent(i, 0);
        }
        return new InContextTree("graph", vocab, p, alpha);
    }

    /** {@link #of(int, Dag, double)} with the default concentration. */
    public static InContextTree of(int vocab, Dag dag) {
        return of(vocab, dag, DEFAULT_ALPHA);
    }

    @Override
    public int vocabSize() {
        return s;
    }

    @Override
    public int seqLen() {
        return t;
    }

    @Override
    public double alpha() {
        return alpha;
    }

    @Override
    public String name() {
        return name;
    }

    /** The parent array of the context positions ({@code -1} for a root); a copy. */
    public int[] parentArray() {
        return parent.clone();
    }

    /** The latent graph as a {@link Dag} over the {@code T-1} context positions. */
    public Dag dag() {
        int[][] p = new int[parent.length][];
        for (int i = 0; i < parent.length; i++) {
            p[i] = parent[i] < 0 ? new int[0] : new int[] {parent[i]};
        }
        return Dag.of(p);
    }

    @Override
    public int[] parents(int i) {
        if (i < 0 || i >= t) {
            throw new IllegalArgumentException("position " + i + " out of range 0.." + (t - 1));
        }
        return i < parent.length && parent[i] >= 0 ? new int[] {parent[i]} : new int[0];
    }

    @Override
    public int contextLength() {
        return t - 1;
    }

    @Override
    public double[] newScratch() {
        return new double[2 * s * s + s];
    }

    @Override
    public void sampleInto(Rng rng, int[] tokens, int tOff, double[] target, int yOff, double[] scratch) {
        int ss = s * s;
        for (int a = 0; a < s; a++) {
            rng.nextDirichlet(alpha, scratch, a * s, s);
        }
        int muOff = 2 * ss;
        Stationary.gth(scratch, 0, s, scratch, ss, scratch, muOff);
        for (int i = 0; i < parent.length; i++) {
            int p = parent[i];
            tokens[tOff + i] = p < 0 ? rng.nextCategorical(scratch, muOff, s)
                    : rng.nextCategorical(scratch, tokens[tOff + p] * s, s);
        }
        int q = rng.nextInt(s);
        tokens[tOff + t - 1] = q;
        System.arraycopy(scratch, q * s, target, yOff, s);
    }

    @Override
    public void bayes(int[] tokens, int off, double[] out) {
        int q = tokens[off + t - 1];
        Arrays.fill(out, 0, s, alpha);
        double z = s * alpha;
        for (int i = 0; i < parent.length; i++) {
            int p = parent[i];
            if (p >= 0 && tokens[off + p] == q) {
                out[tokens[off + i]] += 1;
                z += 1;
            }
        }
        for (int a = 0; a < s; a++) {
            out[a] /= z;
        }
    }

    @Override
    public String toString() {
        return "InContextTree[" + name + ", S=" + s + ", T=" + t + ", alpha=" + alpha
                + ", parents=" + Arrays.toString(parent) + "]";
    }

    static int checkLen(int seqLen) {
        if (seqLen < 3) {
            throw new IllegalArgumentException("sequence length T = " + seqLen
                    + " is too short: need T >= 3 (two context tokens and the query)");
        }
        return seqLen;
    }

    static void checkVocab(int vocab) {
        if (vocab < 2) {
            throw new IllegalArgumentException("alphabet size S must be >= 2, got " + vocab);
        }
    }

    static void checkAlpha(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Dirichlet concentration alpha must be a positive finite number, got "
                    + alpha);
        }
    }
}
