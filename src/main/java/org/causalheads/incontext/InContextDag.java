package org.causalheads.incontext;

import org.causalheads.numeric.Rng;
import java.util.Arrays;
import java.util.TreeSet;
import org.causalheads.dag.Dag;

/**
 * The multi-parent task: a fixed DAG over {@code T+1} nodes in topological order, of which the
 * model sees nodes {@code 0..T-1}; node {@code T} is never shown and the target is its
 * distribution given its parents.
 *
 * <p>Per sequence: for every in-degree {@code k ≥ 1} occurring in the DAG, a fresh kernel
 * {@code π_k} with one Dirichlet(α·1_S) row per parent tuple in {@code [S]^k}, shared by all nodes
 * with {@code k} parents (the parents taken in the DAG's slot order); roots uniform on {@code [S]}
 * (a tuple kernel has no stationary distribution to start from); node {@code i} with parents
 * {@code (p_1..p_k)} drawn from {@code π_k(·|x_{p_1},..,x_{p_k})}; target
 * {@code π_k(·|parents of node T)}.
 *
 * <p>Bayes predictor: {@code α} plus the count of context nodes with the same in-degree as node
 * {@code T} whose parent tuple equals node {@code T}'s, by their value; normalised.
 */
public final class InContextDag implements SequenceTask {

    private final int s;
    private final int t;
    private final double alpha;
    private final int[][] parents;
    private final int[] degrees;
    private final int[] kernelOffset;
    private final int scratchSize;

    private InContextDag(int vocab, Dag dag, double alpha) {
        InContextTree.checkVocab(vocab);
        InContextTree.checkAlpha(alpha);
        if (dag.size() < 3) {
            throw new IllegalArgumentException("a DAG task needs at least 3 nodes (two context tokens and the target), got "
                    + dag.size());
        }
        int last = dag.size() - 1;
        if (dag.isRoot(last)) {
            throw new IllegalArgumentException("the target node " + last + " must have at least one parent");
        }
        this.s = vocab;
        this.t = last;
        this.alpha = alpha;
        this.parents = new int[dag.size()][];
        TreeSet<Integer> ks = new TreeSet<>();
        for (int i = 0; i < dag.size(); i++) {
            parents[i] = dag.parents(i);
            if (parents[i].length > 0) {
                ks.add(parents[i].length);
            }
        }
        this.degrees = ks.stream().mapToInt(Integer::intValue).toArray();
        int maxK = degrees[degrees.length - 1];
        this.kernelOffset = new int[maxK + 1];
        int off = 0;
        for (int k : degrees) {
            double rows = Math.pow(vocab, k);
            if (rows * vocab > 50_000_000) {
                throw new IllegalArgumentException("in-degree " + k + " with S = " + vocab
                        + " needs " + (long) rows + " kernel rows; too many");
            }
            kernelOffset[k] = off;
            off += (int) rows * vocab;
        }
        this.scratchSize = off;
    }

    /** A task over {@code dag} (its last node is the prediction target). */
    public static InContextDag of(int vocab, Dag dag, double alpha) {
        if (dag == null) {
            throw new IllegalArgumentException("dag must not be null");
        }
        return new InContextDag(vocab, dag, alpha);
    }

    /** {@link #of(int, Dag, double)} with α = 0.1. */
    public static InContextDag of(int vocab, Dag dag) {
        return of(vocab, dag, InContextTree.DEFAULT_ALPHA);
    }

    /**
     * The authors' two-parent example: nodes 0 and 1 are roots, node {@code i ≥ 2} has parents
     * {@code ((i-1)/2, i-1)} (integer division), for {@code i = 2..T}; the model sees {@code T} tokens.
     */
    public static InContextDag twoParents(int vocab, int seqLen) {
        return twoParents(vocab, seqLen, InContextTree.DEFAULT_ALPHA);
    }

    /** {@link #twoParents(int, int)} with concentration {@code alpha}. */
    public static InContextDag twoParents(int vocab, int seqLen, double alpha) {
        InContextTree.checkLen(seqLen);
        int[][] p = new int[seqLen + 1][];
        for (int i = 0; i <= seqLen; i++) {
            p[i] = i < 2 ? new int[0] : new int[] {(i - 1) / 2, i - 1};
        }
        return new InContextDag(vocab, Dag.of(p), alpha);
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
        return "dag";
    }

    @Override
    public int[] parents(int i) {
        if (i < 0 || i >= t) {
            throw new IllegalArgumentException("position " + i + " out of range 0.." + (t - 1));
        }
        return parents[i].clone();
    }

    /** Parents of the hidden target node {@code T}. */
    public int[] targetParents() {
        return parents[t].clone();
    }

    @Override
    public int contextLength() {
        return t;
    }

    @Override
    public double[] newScratch() {
        return new double[scratchSize];
    }

    private int row(int[] tokens, int off, int[] pa) {
        int r = 0;
        for (int p : pa) {
            r = r * s + tokens[off + p];
        }
        return r;
    }

    @Override
    public void sampleInto(Rng rng, int[] tokens, int tOff, double[] target, int yOff, double[] scratch) {
        for (int k : degrees) {
            int rows = (int) Math.pow(s, k);
            for (int r = 0; r < rows; r++) {
                rng.nextDirichlet(alpha, scratch, kernelOffset[k] + r * s, s);
            }
        }
        for (int i = 0; i < t; i++) {
            int[] pa = parents[i];
            tokens[tOff + i] = pa.length == 0 ? rng.nextInt(s)
                    : rng.nextCategorical(scratch, kernelOffset[pa.length] + row(tokens, tOff, pa) * s, s);
        }
        int[] pa = parents[t];
        System.arraycopy(scratch, kernelOffset[pa.length] + row(tokens, tOff, pa) * s, target, yOff, s);
    }

    @Override
    public void bayes(int[] tokens, int off, double[] out) {
        int[] pt = parents[t];
        int want = row(tokens, off, pt);
        Arrays.fill(out, 0, s, alpha);
        double z = s * alpha;
        for (int i = 0; i < t; i++) {
            if (parents[i].length == pt.length && row(tokens, off, parents[i]) == want) {
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
        return "InContextDag[S=" + s + ", T=" + t + ", alpha=" + alpha + ", parents="
                + Arrays.deepToString(parents) + "]";
    }
}
